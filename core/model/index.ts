export * from './common';
export * from './workspace';
export * from './refs';
export * from './demo';
