import { createProviderRegistry, type ProviderRegistry } from '@switchboard/providers';

export const PROVIDERS = Symbol('PROVIDERS');

export const providersProvider = {
  provide: PROVIDERS,
  useFactory: (): ProviderRegistry => createProviderRegistry({ env: process.env }),
};
