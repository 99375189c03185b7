import { Envelope } from './envelope';
import { FileKeyring, type KeyProvider } from './keyring';
import { VAULT_ENV, type VaultEnv } from '../config';

export const KEY_PROVIDER = Symbol('KEY_PROVIDER');

export const cryptoProviders = [
  {
    provide: KEY_PROVIDER,
    inject: [VAULT_ENV],
    useFactory: (env: VaultEnv): KeyProvider => FileKeyring.fromFile(env.VAULT_KEYRING_FILE),
  },
  {
    provide: Envelope,
    inject: [KEY_PROVIDER],
    useFactory: (keys: KeyProvider) => new Envelope(keys),
  },
];
