/**
 * With token rotation, a Slack install holds two refresh tokens: the bot token's and the user
 * token's (each refreshed by its own `oauth.v2.access` call, each single use). The vault keeps one
 * refresh credential per connection, so the adapter stores both there:
 * `slk1.<base64url(JSON {bot?, user?})>`. Only this adapter reads it; a bare token (stored some
 * other way) is the bot's.
 */
export interface SlackRefreshCredential {
  bot: string | null;
  user: string | null;
}

const PREFIX = 'slk1.';

export function encodeSlackRefresh(credential: SlackRefreshCredential): string | null {
  if (credential.bot === null && credential.user === null) return null;
  const json: Record<string, string> = {};
  if (credential.bot !== null) json['bot'] = credential.bot;
  if (credential.user !== null) json['user'] = credential.user;
  return `${PREFIX}${Buffer.from(JSON.stringify(json), 'utf8').toString('base64url')}`;
}

export function decodeSlackRefresh(stored: string): SlackRefreshCredential {
  if (!stored.startsWith(PREFIX)) return { bot: stored, user: null };
  try {
    const value: unknown = JSON.parse(
      Buffer.from(stored.slice(PREFIX.length), 'base64url').toString('utf8'),
    );
    if (typeof value !== 'object' || value === null) return { bot: null, user: null };
    const { bot, user } = value as { bot?: unknown; user?: unknown };
    return {
      bot: typeof bot === 'string' && bot.length > 0 ? bot : null,
      user: typeof user === 'string' && user.length > 0 ? user : null,
    };
  } catch {
    return { bot: null, user: null };
  }
}

/** The secrets inside a stored credential, for redaction. */
export function slackRefreshSecrets(stored: string): string[] {
  const { bot, user } = decodeSlackRefresh(stored);
  return [stored, bot ?? '', user ?? ''].filter((secret) => secret.length > 0);
}
