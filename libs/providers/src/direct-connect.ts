import type { AccountIdentity, TokenSet } from './adapter';

/**
 * Platforms connected without a browser redirect: the product sends the user's credentials to
 * `POST /social-account/connect` and gets the account back at once (Telegram's bot token and
 * channel; Bluesky's app password). `connect` checks them with the platform and answers the
 * account and the credential to store, or rejects with a `CodedError` whose code is documented
 * (e.g. `telegram-bot-not-admin`); it never echoes a secret.
 */
export interface DirectConnector {
  /** The connect-body fields this platform takes, all required (e.g. `botToken`, `channel`). */
  readonly fields: readonly string[];
  /** Fields that are secrets: never logged, never returned. */
  readonly secretFields: readonly string[];
  connect(input: Readonly<Record<string, string>>): Promise<DirectConnection>;
}

export interface DirectConnection {
  identity: AccountIdentity;
  tokens: TokenSet;
}
