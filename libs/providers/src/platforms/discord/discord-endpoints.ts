/**
 * Discord OAuth2 (shared/providers/pinterest-…-fanvue.md §3: discord/discord-api-docs
 * `developers/topics/oauth2.mdx`, `resources/user.mdx`, `topics/permissions.mdx`). Every URL goes
 * through the platform context's `endpoint()` so the sandbox and `DISCORD_BASE_URL` work.
 */
export const DISCORD_ENDPOINTS = {
  authorization: 'https://discord.com/oauth2/authorize',
  token: 'https://discord.com/api/oauth2/token',
  /** Revokes the whole authorization, whichever token is sent. */
  revocation: 'https://discord.com/api/oauth2/token/revoke',
  me: 'https://discord.com/api/v10/users/@me',
  guilds: 'https://discord.com/api/v10/users/@me/guilds',
} as const;

/** `identify` reads the user, `guilds` lists their servers, `bot` adds our bot to one. */
export const DISCORD_REQUIRED_SCOPES = ['identify', 'guilds', 'bot'] as const;
export const DISCORD_DEFAULT_SCOPES = DISCORD_REQUIRED_SCOPES;

/**
 * What the bot may do in the server the user picks: VIEW_CHANNEL (1<<10), SEND_MESSAGES (1<<11),
 * EMBED_LINKS (1<<14), ATTACH_FILES (1<<15), CREATE_PUBLIC_THREADS (1<<35),
 * CREATE_PRIVATE_THREADS (1<<36), SEND_MESSAGES_IN_THREADS (1<<38). A string: permissions are a
 * bitfield serialized as a string since API v8.
 */
export const DISCORD_BOT_PERMISSIONS = String(
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 35n) | (1n << 36n) | (1n << 38n),
);

/** ADMINISTRATOR and MANAGE_GUILD: who may add a bot to a server. */
export const DISCORD_MANAGE_PERMISSIONS = (1n << 3n) | (1n << 5n);
