import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { SummaryBuilder } from '../../../../core/evidence/builder';
import { FINGERPRINT_FIELDS, fingerprintFieldsTable } from '../../../../core/evidence/fingerprints';
import { findingFingerprint } from '../../../../core/model/fingerprint';
import { repoFile } from '../../../fixtures';

/** The README's fingerprint table and the readers cannot disagree. */
describe('fingerprint fields', () => {
  test('the README table is the one the code declares', async () => {
    const readme = await readFile(repoFile('README.md'), 'utf8');
    const section =
      /<!-- fingerprint-fields:start -->\n([\s\S]*?)\n<!-- fingerprint-fields:end -->/.exec(readme);
    expect(section?.[1]).toBe(fingerprintFieldsTable());
  });

  test('a finding is fingerprinted by its identity, which it carries', () => {
    const builder = new SummaryBuilder('zap');
    const identity = { site: 'https://app.test', alertRef: '10202' };
    builder.addFinding({
      kind: 'alert',
      rule: '10202',
      title: 'Absence of Anti-CSRF Tokens',
      severity: 'medium',
      location: 'https://app.test/login',
      component: null,
      message: null,
      identity,
    });
    const [finding] = builder.build().findings!.items;
    expect(finding!.identity).toEqual(identity);
    expect(finding!.fingerprint).toBe(findingFingerprint('zap', identity));
  });

  test('a reader naming undeclared fields is refused, not silently fingerprinted', () => {
    const builder = new SummaryBuilder('zap');
    expect(() =>
      builder.addFinding({
        kind: 'alert',
        rule: '10202',
        title: 'x',
        severity: 'low',
        location: 'https://app.test',
        component: null,
        message: null,
        identity: { site: 'https://app.test', pluginId: '10202' },
      }),
    ).toThrow(/zap findings are not fingerprinted by \{site, pluginId\}/);
    expect(FINGERPRINT_FIELDS.zap?.map((shape) => shape.fields)).toContainEqual([
      'site',
      'pluginId',
      'name',
      'uri',
      'param',
    ]);
  });
});
