export * from './common';
export * from './workspace';
