import type { AccountEntity } from './account.entity';

export interface AccountView {
  id: string;
  teamId: string;
  type: string;
  externalId: string;
  displayName: string;
  avatarUrl: string | null;
  status: string;
  statusReason: string | null;
  isMain: boolean;
  memberId: string | null;
  endUserId: string | null;
  metadata: Record<string, string | number | boolean | null>;
  connectedAt: string;
  expiresAt: string | null;
  lastRefreshedAt: string | null;
  lastError: string | null;
}

export function accountView(a: AccountEntity): AccountView {
  return {
    id: a.id,
    teamId: a.teamId,
    type: a.type,
    externalId: a.externalId,
    displayName: a.displayName,
    avatarUrl: a.avatarUrl,
    status: a.status,
    statusReason: a.statusReason,
    isMain: a.isMain,
    memberId: a.memberId,
    endUserId: a.endUserId,
    metadata: a.metadata,
    connectedAt: a.connectedAt.toISOString(),
    expiresAt: a.expiresAt?.toISOString() ?? null,
    lastRefreshedAt: a.lastRefreshedAt?.toISOString() ?? null,
    lastError: a.lastError,
  };
}
