import type { AccountIdentity, ProviderAdapter, RevokeParams, TokenSet } from '../../adapter';
import { stringField } from '../../json';
import type { PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import { verifyTelegramBot } from './telegram-bot';

function notOAuth(what: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_request',
    message: `TELEGRAM has no ${what}: a bot token is connected directly`,
  });
}

/**
 * TELEGRAM — not OAuth: the product sends a bot token and a channel, checked synchronously
 * (`verifyTelegramBot`). The token does not expire and cannot be refreshed; Telegram has no
 * revocation endpoint (only @BotFather's `/token` replaces it, and `logOut` is not a revoke), so
 * a disconnect only destroys the stored token.
 */
export class TelegramAdapter implements ProviderAdapter {
  readonly type = 'TELEGRAM' as const;
  readonly pkce = 'none' as const;
  readonly expectedIssuer = null;
  readonly refreshRotates = false;
  readonly channels = null;
  readonly pushRevocation = null;

  requiredScopes(): string[] {
    return [];
  }

  defaultScopes(): string[] {
    return [];
  }

  authorizationUrl(): string {
    throw notOAuth('authorization URL');
  }

  exchangeCode(): Promise<TokenSet> {
    return Promise.reject(notOAuth('authorization code'));
  }

  identify(tokens: TokenSet): Promise<AccountIdentity> {
    const chatId = stringField(tokens.extra, 'chatId');
    if (!chatId) return Promise.reject(notOAuth('identity without a channel'));
    return Promise.resolve({
      externalId: chatId,
      displayName: stringField(tokens.extra, 'chatTitle') ?? chatId,
      avatarUrl: null,
    });
  }

  refresh(): Promise<TokenSet> {
    return Promise.reject(
      new ProviderError({
        kind: 'reauth_required',
        message: 'TELEGRAM bot tokens cannot be refreshed',
      }),
    );
  }

  revoke(_params: RevokeParams): Promise<{ revoked: boolean }> {
    return Promise.resolve({ revoked: false });
  }

  refreshable(): boolean {
    return false;
  }
}

export const telegramPlatform: PlatformDefinition = {
  type: 'TELEGRAM',
  app: 'none',
  create: () => new TelegramAdapter(),
  direct: (context) => ({
    fields: ['botToken', 'channel'],
    secretFields: ['botToken'],
    connect: (input) =>
      verifyTelegramBot(context.http, context.endpoint, {
        botToken: input['botToken'] ?? '',
        channel: input['channel'] ?? '',
      }),
  }),
};
