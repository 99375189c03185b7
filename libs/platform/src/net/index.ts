export * from './address-policy';
export * from './ssrf-guard';
export * from './safe-request';
export * from './signed-link';
export * from './safe-fetch';
