import type { NoticeKind } from '@switchboard/contracts';

/** The account a message is about, as people know it. */
export interface AccountFacts {
  connectionId: string;
  teamId: string;
  type: string;
  displayName: string;
  externalId: string;
  avatarUrl: string | null;
}

/** What to tell people, before any language is chosen. */
export type MessageSpec =
  | {
      kind: 'token_expiring';
      account: AccountFacts;
      cause: 'not_refreshable' | 'refresh_failing' | 'refresh_token_end_of_life';
      expiresAt: Date;
    }
  | {
      kind: 'refresh_failed';
      account: AccountFacts;
      reason: 'reauth_required' | 'permission_lost' | 'transient_exhausted';
      missingScopes: string[];
    }
  | { kind: 'disconnected'; account: AccountFacts; by: 'team' | 'provider' }
  | {
      kind: 'connect_failed';
      /** The account being reconnected, or null for a first connection. */
      account: AccountFacts | null;
      type: string;
      code: string;
      missingScopes: string[];
    }
  | { kind: 'reconnected'; account: AccountFacts }
  | { kind: 'reminder'; account: AccountFacts; since: Date }
  | { kind: 'webhook_disabled'; url: string; failingSince: Date };

export type Severity = 'info' | 'warning' | 'error';

export function severityOf(spec: MessageSpec): Severity {
  switch (spec.kind) {
    case 'token_expiring':
    case 'connect_failed':
    case 'webhook_disabled':
      return 'warning';
    case 'refresh_failed':
    case 'reminder':
      return 'error';
    case 'disconnected':
      return spec.by === 'provider' ? 'error' : 'info';
    case 'reconnected':
      return 'info';
  }
}

export function kindOf(spec: MessageSpec): NoticeKind {
  return spec.kind;
}
