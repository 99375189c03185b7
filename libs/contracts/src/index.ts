export * from './platform';
export * from './common';
export * from './errors';
export * from './envelope';
export * from './events';
export * from './rpc';
