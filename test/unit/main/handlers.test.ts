import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../core/ipc/channels';
import { contract } from '../../../core/ipc/contract';
import { IpcError } from '../../../core/ipc/result';
import type { Handlers } from '../../../main/handlers';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { Platform } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';

function fakePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: '1.2.3',
    dataPath: '/data',
    secrets: unavailableSecretStorage,
    chooseSavePath: vi.fn(async () => null),
    chooseFolder: vi.fn(async () => '/backups'),
    openExternal: vi.fn(async () => undefined),
    ...overrides,
  };
}

describe('the contract', () => {
  it('describes exactly the named channels, each with input and output schemas', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const spec of Object.values(contract)) {
      expect(spec.summary.length).toBeGreaterThan(10);
    }
  });
});

describe('dispatch', () => {
  it('answers a valid call with the handler’s validated output', async () => {
    const result = await dispatch(
      createHandlers({ platform: fakePlatform() }),
      'app:getInfo',
      undefined,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Demo Ledger',
        version: '1.2.3',
        host: 'chromium',
        platform: process.platform,
        dataPath: '/data',
        secretStorage: false,
        secretStorageProblem: unavailableSecretStorage.unavailableReason(),
      },
    });
  });

  it('refuses unknown channels with a typed error', async () => {
    const result = await dispatch(
      createHandlers({ platform: fakePlatform() }),
      'fs:readAnything',
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(
      await dispatch(createHandlers({ platform: fakePlatform() }), { toString: 1 }, {}),
    ).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('rejects invalid input with the path and reason of each problem, without running the handler', async () => {
    const platform = fakePlatform();
    const result = await dispatch(createHandlers({ platform }), 'file:save', {
      suggestedName: '../../etc/passwd',
      data: 'not bytes',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.issues?.map((issue) => issue.path).sort()).toEqual([
      'data',
      'suggestedName',
    ]);
    expect(platform.chooseSavePath).not.toHaveBeenCalled();
  });

  it('passes typed handler errors through and hides unexpected ones behind a clear message', async () => {
    const handlers = {
      ...createHandlers({ platform: fakePlatform() }),
      'file:chooseFolder': async () => {
        throw new IpcError('canceled', 'The user closed the dialog.');
      },
      'app:getInfo': async () => {
        throw new Error('disk on fire');
      },
    } satisfies Handlers;
    const log = vi.fn();
    expect(await dispatch(handlers, 'file:chooseFolder', {})).toEqual({
      ok: false,
      error: { code: 'canceled', message: 'The user closed the dialog.' },
    });
    expect(await dispatch(handlers, 'app:getInfo', undefined, log)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app:getInfo failed: disk on fire' },
    });
    expect(log).toHaveBeenCalled();
  });

  it('refuses output that breaks the contract', async () => {
    const handlers = {
      ...createHandlers({ platform: fakePlatform() }),
      'file:chooseFolder': async () => ({ path: 42 }),
    } as unknown as Handlers;
    expect(await dispatch(handlers, 'file:chooseFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-output' },
    });
  });
});

describe('handlers', () => {
  it('opens only http(s) links outside the app', async () => {
    const platform = fakePlatform();
    const handlers = createHandlers({ platform });
    expect(
      await dispatch(handlers, 'shell:openExternal', { url: 'https://csrc.nist.gov/' }),
    ).toEqual({ ok: true, value: { opened: true } });
    expect(
      await dispatch(handlers, 'shell:openExternal', { url: 'file:///etc/shadow' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(platform.openExternal).toHaveBeenCalledTimes(1);
  });

  it('saves bytes atomically where the user chose, and nothing when they cancel', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'save-'));
    const target = path.join(folder, 'report.pdf');
    const choose = vi
      .fn<Platform['chooseSavePath']>()
      .mockResolvedValueOnce(target)
      .mockResolvedValueOnce(null);
    const handlers = createHandlers({ platform: fakePlatform({ chooseSavePath: choose }) });
    const data = new TextEncoder().encode('%PDF-1.7');
    expect(
      await dispatch(handlers, 'file:save', {
        suggestedName: 'report.pdf',
        data,
        description: 'PDF document',
      }),
    ).toEqual({ ok: true, value: { path: target } });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7');
    expect(choose).toHaveBeenCalledWith({
      suggestedName: 'report.pdf',
      description: 'PDF document',
    });
    expect(await dispatch(handlers, 'file:save', { suggestedName: 'again.pdf', data })).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(readdirSync(folder)).toEqual(['report.pdf']);
  });
});
