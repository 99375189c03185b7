import type { AccountConnectedV1 } from '@switchboard/contracts';
import type { KnownAccount } from '../accounts/accounts.projection';

/** The account as API.md lists it (`id` is the connection id), inside webhook bodies. */
export interface WebhookAccount {
  id: string;
  type: string;
  externalId: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  memberId: string | null;
  endUserId: string | null;
  metadata: Record<string, unknown>;
}

export function accountFromProjection(
  a: KnownAccount | null,
  fallback: { connectionId: string; type: string },
): WebhookAccount {
  return {
    id: a?.connection_id ?? fallback.connectionId,
    type: a?.type ?? fallback.type,
    externalId: a?.external_id ?? null,
    displayName: a?.display_name ?? null,
    avatarUrl: a?.avatar_url ?? null,
    memberId: a?.member_id ?? null,
    endUserId: a?.end_user_id ?? null,
    metadata: a?.metadata ?? {},
  };
}

export function accountFromEvent(d: AccountConnectedV1['data']): WebhookAccount {
  return {
    id: d.connectionId,
    type: d.type,
    externalId: d.externalId,
    displayName: d.displayName,
    avatarUrl: d.avatarUrl,
    memberId: d.memberId,
    endUserId: d.endUserId,
    metadata: d.metadata,
  };
}
