import { describe, expect, it } from 'vitest';
import { browserEnvironment } from '../../../main/hosts/chromium';

describe('the Chromium host’s locale', () => {
  it('hands the locale to the browser as LANGUAGE, the variable Chromium on Linux reads', () => {
    const env = browserEnvironment('en-GB', { LANG: 'C.UTF-8', PATH: '/usr/bin' });
    expect(env).toEqual({ LANG: 'C.UTF-8', PATH: '/usr/bin', LANGUAGE: 'en_GB' });
  });

  it('leaves the system’s locale alone when none is given', () => {
    const base = { LANG: 'de_DE.UTF-8' };
    expect(browserEnvironment(undefined, base)).toBe(base);
  });
});
