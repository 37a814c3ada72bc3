export * from './common';
export * from './workspace';
export * from './refs';
export * from './evidence';
export * from './fingerprint';
export * from './sla-policy';
export * from './issue';
export * from './postmortem';
