import type { Unsubscribe } from '../../../core/ipc/api';
import type { EventName } from '../../../core/ipc/channels';
import { listenerName } from '../../../core/ipc/channels';
import type { EventPayload } from '../../../core/ipc/contract';
import { parseEvent } from '../../../core/ipc/contract';
import { getApi } from './api';

/**
 * Listens to an event from main; payloads that do not match the event contract are dropped
 * (main checks what it sends; the window trusts no message it did not check itself).
 */
export function onHostEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): Unsubscribe {
  const subscribe = getApi()[listenerName(event)] as unknown as (
    raw: (payload: unknown) => void,
  ) => Unsubscribe;
  return subscribe((payload) => {
    const parsed = parseEvent(event, payload);
    if (parsed !== null) listener(parsed);
  });
}
