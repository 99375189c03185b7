import type { KnownAccount } from '../accounts/accounts.projection';
import type { AccountFacts } from './message-spec';

export function factsOf(a: KnownAccount): AccountFacts {
  return {
    connectionId: a.connection_id,
    teamId: a.team_id,
    type: a.type,
    displayName: a.display_name,
    externalId: a.external_id,
    avatarUrl: a.avatar_url,
  };
}
