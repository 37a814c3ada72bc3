import type { Api, Invoke, Subscribe } from '../../../core/ipc/api';
import { createApi } from '../../../core/ipc/api';
import { IpcError } from '../../../core/ipc/result';
import type { SignatureChecker } from '../../../core/bundle/signature';

/** Must equal INVOKE_BINDING and HOST_EVENT in main/hosts/chromium.ts. */
const INVOKE_BINDING = '__demoLedgerInvoke';
const HOST_EVENT = 'demo-ledger:host-event';

declare global {
  interface Window {
    /** Set by the Electron preload. */
    api?: Api;
    /** Set by the Chromium host (a Playwright binding). */
    [INVOKE_BINDING]?: (channel: string, input: unknown) => Promise<unknown>;
  }
}

function chromiumHostApi(): Api | null {
  const binding = window[INVOKE_BINDING];
  if (typeof binding !== 'function') return null;
  const invoke: Invoke = (channel, input) => binding(channel, input);
  const subscribe: Subscribe = (event, listener) => {
    const handle = (raw: Event): void => {
      const detail = (raw as CustomEvent<{ event?: unknown; payload?: unknown }>).detail;
      if (detail?.event === event) listener(detail.payload);
    };
    window.addEventListener(HOST_EVENT, handle);
    return () => window.removeEventListener(HOST_EVENT, handle);
  };
  return createApi(invoke, subscribe);
}

/** Without a host (a plain browser tab) every call fails with a clear message. */
function missingHostApi(): Api {
  return createApi(
    async () => ({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Demo Ledger is not running inside its desktop host.',
      },
    }),
    () => () => undefined,
  );
}

let resolved: Api | null = null;

/** The host API: the same shape under Electron and under the Chromium host. */
export function getApi(): Api {
  resolved ??= window.api ?? chromiumHostApi() ?? missingHostApi();
  return resolved;
}

export function isHostError(error: unknown): error is IpcError {
  return error instanceof IpcError;
}

/** Signatures over bundle manifests are checked in main, against the trust list and own certificates. */
export const checkSignatureInMain: SignatureChecker = (content, signature) =>
  getApi().bundleVerifySignature({
    content: content as Uint8Array<ArrayBuffer>,
    signature: signature as Uint8Array<ArrayBuffer>,
  });
