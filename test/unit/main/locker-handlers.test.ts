import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../core/locker/app';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { SecretStorage } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';
import { makePki } from '../../tools/pki';
import { testPlatform } from './platform';

/**
 * The team locker's IPC boundary with no service behind it: what the renderer may send (zod),
 * where credentials are kept, and the outbox on disk. Against a real service: test/locker/app.test.ts.
 */

/** An OS keychain that encrypts (reversibly, visibly not in clear). */
const keychain: SecretStorage = {
  isAvailable: () => true,
  unavailableReason: () => null,
  encrypt: (text) => new TextEncoder().encode(`enc:${Buffer.from(text).toString('base64')}`),
  decrypt: (bytes) =>
    Buffer.from(new TextDecoder().decode(bytes).slice(4), 'base64').toString('utf8'),
};

function setup(secrets: SecretStorage = unavailableSecretStorage) {
  const dataPath = mkdtempSync(path.join(tmpdir(), 'locker-handlers-'));
  const platform = testPlatform(dataPath, { secrets });
  const handlers = createHandlers({ platform });
  const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input);
  return { dataPath, call, handlers };
}

const SETTINGS = { endpoint: 'https://s3.example.com', bucket: 'team-locker', region: 'eu-west-1' };

describe('team locker IPC', () => {
  it('refuses settings that are not an endpoint, a bucket and a region, field by field', async () => {
    const { call } = setup();
    const refused = await call('locker:saveSettings', {
      settings: { endpoint: 'ftp://user:pw@host', bucket: 'No_Such', region: 'eu west' },
      ca: null,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid-input');
    expect((refused.error.issues ?? []).map((issue) => issue.path).sort()).toEqual([
      'settings.bucket',
      'settings.endpoint',
      'settings.region',
    ]);
    expect(await call('locker:getState')).toMatchObject({ ok: true, value: { settings: null } });
    // An empty endpoint is AWS itself.
    expect(
      await call('locker:saveSettings', { settings: { ...SETTINGS, endpoint: '' }, ca: null }),
    ).toMatchObject({ ok: true, value: { settings: { endpoint: '', ca: null } } });
  });

  it('keeps a CA file only when it holds certificates, and names their subjects', async () => {
    const { call, dataPath } = setup();
    const notPem = await call('locker:saveSettings', {
      settings: SETTINGS,
      ca: { name: 'ca.pem', data: new TextEncoder().encode('hello') },
    });
    expect(notPem).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no certificate') as string },
    });
    const pki = makePki();
    const saved = await call('locker:saveSettings', {
      settings: SETTINGS,
      ca: { name: 'team-ca.pem', data: new Uint8Array(readFileSync(pki.caPem)) },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        settings: { ca: { name: 'team-ca.pem', subjects: [expect.stringContaining('CN=')] } },
      },
    });
    expect(existsSync(path.join(dataPath, 'team-locker', 'ca.pem'))).toBe(true);
    const kept = await call('locker:saveSettings', { settings: SETTINGS, ca: 'keep' });
    expect(kept).toMatchObject({ ok: true, value: { settings: { ca: { name: 'team-ca.pem' } } } });
    await call('locker:saveSettings', { settings: SETTINGS, ca: null });
    expect(existsSync(path.join(dataPath, 'team-locker', 'ca.pem'))).toBe(false);
  });

  it('keeps credentials in memory on the browser host, and never returns the secret', async () => {
    const { call, dataPath } = setup();
    const remembered = await call('locker:setCredentials', {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
      remember: true,
    });
    expect(remembered).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('cannot be remembered here') as string },
    });
    const session = await call('locker:setCredentials', {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
      remember: false,
    });
    expect(session).toMatchObject({
      ok: true,
      value: { credentials: { kept: 'session', accessKeyId: 'AKIDEXAMPLE' } },
    });
    expect(JSON.stringify(session)).not.toContain('wJalrXUtnFEMI');
    const files = readdirSync(path.join(dataPath, 'team-locker'), {
      recursive: true,
      encoding: 'utf8',
    });
    for (const file of files) {
      const full = path.join(dataPath, 'team-locker', file);
      if (existsSync(full) && !file.includes('outbox'))
        expect(readFileSync(full, 'utf8')).not.toContain('wJalrXUtnFEMI');
    }
    expect(await call('locker:forgetCredentials')).toMatchObject({
      ok: true,
      value: { credentials: { kept: 'none' } },
    });
  });

  it('remembers credentials through the OS keychain, encrypted, across a restart', async () => {
    const first = setup(keychain);
    await first.call('locker:setCredentials', {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
      remember: true,
    });
    const stored = readFileSync(
      path.join(first.dataPath, 'team-locker', 'credentials.bin'),
      'utf8',
    );
    expect(stored).not.toContain('wJalrXUtnFEMI');
    const platform = testPlatform(first.dataPath, { host: 'electron', secrets: keychain });
    const again = createHandlers({ platform });
    expect(await dispatch(again, 'locker:getState', undefined)).toMatchObject({
      ok: true,
      value: { credentials: { kept: 'keychain', accessKeyId: 'AKIDEXAMPLE' } },
    });
  });

  it('says why nothing is sent, and refuses a retry of a bundle it does not hold', async () => {
    const { call } = setup();
    expect(await call('locker:sync')).toMatchObject({
      ok: true,
      value: { items: [], blocked: null },
    });
    expect(await call('locker:retry', { id: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('locker:retry', { id: 'no-such-item' })).toMatchObject({
      ok: false,
      error: { message: 'There is no such bundle in the outbox.' },
    });
    const test = await call('locker:test');
    expect(test).toMatchObject({ ok: true, value: { ok: false } });
    if (!test.ok) return;
    const { checks } = test.value as { checks: { id: string; ok: boolean | null }[] };
    expect(checks[0]).toMatchObject({ id: 'settings', ok: false });
    expect(checks.slice(1).every((check) => check.ok === null)).toBe(true);
  });

  it('retries after 5 s, doubling, at most a minute apart', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(retryDelay)).toEqual([
      0, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
  });
});
