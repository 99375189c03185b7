import { Init1763769600000 } from './migrations/1763769600000-init';
import { Grants1763800000000 } from './migrations/1763800000000-grants';
import { KeyRingAuditRevocation1763900000000 } from './migrations/1763900000000-key-ring-audit-revocation';
import { CredentialAccountIdx1763950000000 } from './migrations/1763950000000-credential-account-idx';
import { AppSecrets1764100000000 } from './migrations/1764100000000-app-secrets';
import { CustomProviders1764200000000 } from './migrations/1764200000000-custom-providers';

/**
 * The vault's schema history, in order: the service and the hand-wired test setups share it.
 * It lives outside `migrations/` because the CLI loads every export of every file there.
 */
export const VAULT_MIGRATIONS = [
  Init1763769600000,
  Grants1763800000000,
  KeyRingAuditRevocation1763900000000,
  AppSecrets1764100000000,
  CredentialAccountIdx1763950000000,
  CustomProviders1764200000000,
];
