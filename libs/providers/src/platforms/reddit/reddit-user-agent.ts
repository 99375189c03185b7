import type { EnvSource } from '../../endpoint-override';
import { SWITCHBOARD_VERSION } from '../shared/request-headers';

/**
 * Reddit wants a unique, descriptive User-Agent on every call, token calls included:
 * `<platform>:<app ID>:<version> (by /u/<reddit username>)`; default agents ("node",
 * "Python/urllib") are "drastically limited" and spoofing one gets the app banned.
 * `REDDIT_USER_AGENT` replaces the whole value; otherwise it names the app by its client id and
 * the developer account by `REDDIT_USERNAME` (default `switchboard`).
 */
export function redditUserAgent(env: EnvSource | undefined, clientId: string): string {
  const configured = env?.['REDDIT_USER_AGENT']?.trim();
  if (configured) return configured;
  const username = env?.['REDDIT_USERNAME']?.trim() || 'switchboard';
  const appId = clientId.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'app';
  return `server:switchboard.${appId}:v${SWITCHBOARD_VERSION} (by /u/${username})`;
}
