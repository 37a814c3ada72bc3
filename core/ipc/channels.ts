/**
 * Channel and event names, without their schemas, so the preload can build the API from names
 * alone. `contract.ts` must describe exactly these channels (enforced by its `satisfies`).
 * Channels are `domain:verb`, request/response only; events flow main → renderer.
 */
export const CHANNELS = [
  'app:getInfo',
  'shell:openExternal',
  'file:save',
  'file:chooseFolder',
  'identity:list',
  'identity:create',
  'identity:importPkcs12',
  'identity:claim',
  'identity:remove',
  'identity:forgetPassphrase',
  'identity:unlock',
  'identity:lock',
  'trust:list',
  'trust:add',
  'trust:remove',
  'revocation:list',
  'revocation:add',
  'revocation:remove',
  'signoff:sign',
  'signoff:verify',
  'report:beginUpload',
  'report:uploadChunk',
  'report:signUpload',
  'report:verifyUpload',
  'report:discardUpload',
  'file:beginWrite',
  'file:writeChunk',
  'file:finishWrite',
  'file:abortWrite',
  'backup:getFolder',
  'backup:chooseFolder',
  'backup:list',
  'backup:prune',
  'bundle:finish',
  'bundle:finishReview',
  'bundle:verifySignature',
  'locker:getState',
  'locker:saveSettings',
  'locker:setCredentials',
  'locker:forgetCredentials',
  'locker:test',
  'locker:outbox',
  'locker:sync',
  'locker:retry',
  'locker:list',
  'locker:pull',
  'locker:readPulled',
  'locker:verify',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export const EVENTS = ['menu:command', 'locker:outboxChanged', 'locker:verifyProgress'] as const;

export type EventName = (typeof EVENTS)[number];

type Camel<S extends string> = S extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : S;

/** `app:getInfo` → `appGetInfo`: the method name the renderer calls. */
export type MethodName<C extends string> = Camel<C>;

/** `menu:command` → `onMenuCommand`: the subscription method for an event. */
export type ListenerName<E extends string> = `on${Capitalize<Camel<E>>}`;

export function methodName<C extends string>(channel: C): MethodName<C> {
  const [domain = '', verb = ''] = channel.split(':');
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}

export function listenerName<E extends string>(event: E): ListenerName<E> {
  const camel = methodName(event) as string;
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}` as ListenerName<E>;
}
