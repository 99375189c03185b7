import type { RefreshFailedV1 } from '@switchboard/contracts';
import type { KnownAccount } from '../accounts/accounts.projection';
import { platformName } from './platform-names';

export interface RenderedMessage {
  title: string;
  body: string;
  subject: string;
  text: string;
  html: string;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** "Your X account @name needs to be reconnected", with why and what to do. */
export function refreshFailedMessage(
  event: RefreshFailedV1['data'],
  account: KnownAccount,
  reconnectUrl: string,
): RenderedMessage {
  const platform = platformName(event.type);
  const who = account.display_name || account.external_id;
  const title = `Your ${platform} account ${who} needs to be reconnected`;
  const why =
    event.reason === 'permission_lost'
      ? `${platform} no longer grants the permissions Switchboard needs${event.missingScopes.length ? ` (${event.missingScopes.join(', ')})` : ''}.`
      : event.reason === 'transient_exhausted'
        ? `${platform} could not be reached for long enough that the connection expired.`
        : `${platform} no longer accepts the connection (the access was withdrawn or has expired).`;
  const todo = 'Reconnect the account to keep publishing and reading from it.';
  const body = `${why} ${todo}`;
  return {
    title,
    body,
    subject: title,
    text: `${title}\n\n${why}\n${todo}\n\nReconnect: ${reconnectUrl}\n`,
    html: `<!doctype html><html lang="en"><body><h1>${esc(title)}</h1><p>${esc(why)}</p><p>${esc(todo)}</p><p><a href="${esc(reconnectUrl)}">Reconnect ${esc(who)}</a></p></body></html>`,
  };
}
