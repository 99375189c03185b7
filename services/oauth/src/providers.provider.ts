import { safeFetch } from '@switchboard/platform';
import {
  createProviderRegistry,
  recordProviderSpan,
  type ProviderRegistry,
} from '@switchboard/providers';

export const PROVIDERS = Symbol('PROVIDERS');

/** `DEV_MODE` as the config schema reads it: loopback servers (the sandbox) only then. */
const devMode = (): boolean => ['true', '1', 'yes'].includes(process.env['DEV_MODE'] ?? '');

export const providersProvider = {
  provide: PROVIDERS,
  useFactory: (): ProviderRegistry =>
    createProviderRegistry({
      env: process.env,
      // servers a user named (Mastodon instances): SSRF-checked on every hop
      instanceFetch: safeFetch({ allowLoopback: devMode() }),
      // every platform call as a client span of the refresh or exchange that made it
      onRequest: recordProviderSpan,
    }),
};
