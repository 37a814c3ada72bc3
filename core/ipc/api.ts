import type { ChannelName, EventName, ListenerName, MethodName } from './channels';
import { CHANNELS, EVENTS, listenerName, methodName } from './channels';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';
import type { IpcResult } from './result';
import { IpcError, isIpcResult } from './result';

type Args<C extends ChannelName> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export type Unsubscribe = () => void;

/** The typed API the renderer sees as `window.api`, identical under every host. */
export type Api = {
  readonly [C in ChannelName as MethodName<C>]: (...args: Args<C>) => Promise<ChannelOutput<C>>;
} & {
  readonly [E in EventName as ListenerName<E>]: (
    listener: (payload: EventPayload<E>) => void,
  ) => Unsubscribe;
};

/** Sends one request to the host; resolves with the envelope, never rejects for handler errors. */
export type Invoke = (channel: ChannelName, input: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

/**
 * Builds the API from a transport. Used by the Electron preload (over ipcRenderer) and by the
 * renderer under the Chromium host (over a Playwright binding), so both expose the same shape.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[methodName(channel)] = async (input?: unknown) => {
      const result: unknown = await invoke(channel, input);
      if (!isIpcResult(result)) {
        throw new IpcError('internal', `The host sent a malformed reply on ${channel}.`);
      }
      return unwrap(result);
    };
  }
  for (const event of EVENTS) {
    api[listenerName(event)] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  return Object.freeze(api) as Api;
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw IpcError.fromShape(result.error);
}
