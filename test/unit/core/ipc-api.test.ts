import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../core/ipc/api';
import { CHANNELS, listenerName, methodName } from '../../../core/ipc/channels';
import { IpcError, isIpcResult } from '../../../core/ipc/result';

describe('names', () => {
  it('derives method and listener names from channels and events', () => {
    expect(methodName('app:getInfo')).toBe('appGetInfo');
    expect(methodName('file:chooseFolder')).toBe('fileChooseFolder');
    expect(listenerName('menu:command')).toBe('onMenuCommand');
  });
});

describe('createApi', () => {
  it('exposes one frozen method per channel and unwraps successful replies', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: { opened: true } }));
    const api = createApi(invoke, () => () => undefined);
    expect(Object.isFrozen(api)).toBe(true);
    for (const channel of CHANNELS)
      expect(typeof (api as unknown as Record<string, unknown>)[methodName(channel)]).toBe(
        'function',
      );
    await expect(api.shellOpenExternal({ url: 'https://example.org' })).resolves.toEqual({
      opened: true,
    });
    expect(invoke).toHaveBeenCalledWith('shell:openExternal', { url: 'https://example.org' });
  });

  it('throws a typed IpcError for error replies and for malformed replies', async () => {
    const api = createApi(
      vi
        .fn()
        .mockResolvedValueOnce({
          ok: false,
          error: { code: 'forbidden', message: 'no', issues: [{ path: 'url', message: 'bad' }] },
        })
        .mockResolvedValueOnce({ surprise: true }),
      () => () => undefined,
    );
    const error = await api
      .shellOpenExternal({ url: 'file:///' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'no',
      issues: [{ path: 'url', message: 'bad' }],
    });
    await expect(api.appGetInfo()).rejects.toMatchObject({ code: 'internal' });
  });

  it('subscribes to events and returns the unsubscribe function', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = createApi(vi.fn(), subscribe);
    const listener = vi.fn();
    expect(api.onMenuCommand(listener)).toBe(unsubscribe);
    expect(subscribe).toHaveBeenCalledWith('menu:command', listener);
  });
});

describe('isIpcResult', () => {
  it('accepts only well-formed envelopes', () => {
    expect(isIpcResult({ ok: true, value: null })).toBe(true);
    expect(isIpcResult({ ok: false, error: { code: 'internal', message: 'x' } })).toBe(true);
    expect(isIpcResult({ ok: false, error: { code: 'made-up', message: 'x' } })).toBe(false);
    expect(isIpcResult({ ok: true })).toBe(false);
    expect(isIpcResult(null)).toBe(false);
  });
});
