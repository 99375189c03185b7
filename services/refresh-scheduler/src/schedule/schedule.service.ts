import { Injectable } from '@nestjs/common';
import type {
  AccountConnectedV1,
  AccountDisconnectedV1,
  RefreshFailedV1,
  TokenRefreshedV1,
  TokenRevokedV1,
} from '@switchboard/contracts';
import { currentTraceId } from '@switchboard/platform';
import type { AppliedCheck } from '@switchboard/bus';
import type { EntityManager } from 'typeorm';
import { LadderService } from '../ladder/ladder.service';
import { planCredential, type CredentialFacts, type Plan } from '../policy/plan';
import { PolicyTable } from '../policy/platform-policy';
import { TimelineRepository } from '../timeline/timeline.repository';

/** States of a row that events about newer credentials still move (SQL list). */
const LIVE_STATES = `('scheduled', 'not_refreshable')`;

type Connected = AccountConnectedV1['data'];
type Refreshed = TokenRefreshedV1['data'];

/**
 * Keeps one schedule row per connection from the events that change its credential, each update
 * guarded by the credential version so a late event never undoes a newer state, and writes what
 * happened into the connection's timeline (exactly once: the consumer's inbox sees to that).
 */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly policies: PolicyTable,
    private readonly ladders: LadderService,
    private readonly timeline: TimelineRepository,
  ) {}

  /** A new or reconnected credential: plan its refresh, or its expiry ladder. */
  async connected(
    d: Connected,
    kind: 'connected' | 'reconnected',
    tx: EntityManager,
  ): Promise<void> {
    const facts = factsOf(d, new Date(d.connectedAt));
    const plan = await this.upsert(d, facts, tx, 'any-newer');
    await this.timeline.record(
      {
        connectionId: d.connectionId,
        teamId: d.teamId,
        type: d.type,
        at: new Date(d.connectedAt),
        kind,
        outcome: plan?.state ?? null,
        detail: describePlan(facts, plan),
        traceId: currentTraceId(),
        credentialVersion: d.credentialVersion,
      },
      tx,
    );
  }

  /**
   * A new credential version from a refresh. The scheduler's own refreshes have usually settled
   * the row already (then nothing changes); one made elsewhere (inline on `vault.token.get`)
   * replans the row and is written into the timeline.
   */
  async refreshed(d: Refreshed, tx: EntityManager): Promise<void> {
    const facts = factsOf(d, new Date(d.refreshedAt));
    const plan = await this.upsert(d, facts, tx, 'live-newer');
    if (!plan) return;
    await this.timeline.record(
      {
        connectionId: d.connectionId,
        teamId: d.teamId,
        type: d.type,
        at: new Date(d.refreshedAt),
        kind: 'refreshed',
        outcome: 'refreshed',
        detail: describePlan(facts, plan),
        traceId: currentTraceId(),
        credentialVersion: d.credentialVersion,
      },
      tx,
    );
  }

  /**
   * Of these events, the ids of those `refreshed` would leave as they are: the row holds their
   * credential version or a newer one, or it is not live (the same guard as the upsert's
   * `live-newer`). Versions only grow, so that stays true.
   */
  refreshedApplied(
    events: readonly { id: string; data: Pick<Refreshed, 'connectionId' | 'credentialVersion'> }[],
  ): AppliedCheck {
    return {
      text: `SELECT e.id FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS e(id, cid, version)
        JOIN refresh_scheduler.schedule s ON s.connection_id = e.cid
        WHERE s.credential_version >= e.version OR s.state NOT IN ${LIVE_STATES}`,
      values: [
        events.map((e) => e.id),
        events.map((e) => e.data.connectionId),
        events.map((e) => e.data.credentialVersion),
      ],
    };
  }

  /** The credential is dead (announced by the vault, or by this service): no more refreshes. */
  async refreshFailed(d: RefreshFailedV1['data'], tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET state = 'dead', next_due_at = NULL, warn_at = NULL,
         lease_owner = NULL, last_outcome = $3, updated_at = now()
       WHERE connection_id = $1 AND credential_version <= $2 AND state IN ${LIVE_STATES}`,
      [d.connectionId, d.credentialVersion, d.reason],
    );
    await this.timeline.record(
      {
        connectionId: d.connectionId,
        teamId: d.teamId,
        type: d.type,
        at: new Date(d.failedAt),
        kind: 'refresh_failed',
        outcome: d.reason,
        providerError: d.providerError,
        detail: d.missingScopes.length
          ? `${d.detail} (missing scopes: ${d.missingScopes.join(', ')})`
          : d.detail,
        traceId: currentTraceId(),
        credentialVersion: d.credentialVersion,
      },
      tx,
    );
  }

  /** Disconnected by the team, or revoked: stop for good (a reconnect plans afresh). */
  async stopped(
    d: AccountDisconnectedV1['data'] | TokenRevokedV1['data'],
    kind: 'disconnected' | 'revoked',
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET state = 'stopped', next_due_at = NULL, warn_at = NULL,
         lease_owner = NULL, last_outcome = $2, updated_at = now()
       WHERE connection_id = $1`,
      [d.connectionId, kind],
    );
    await this.timeline.record(
      {
        connectionId: d.connectionId,
        teamId: d.teamId,
        type: d.type,
        at: new Date('disconnectedAt' in d ? d.disconnectedAt : d.revokedAt),
        kind,
        outcome: d.by,
        detail:
          'providerRevoked' in d
            ? d.providerRevoked
              ? 'revoked at the platform'
              : 'the platform could not confirm the revocation'
            : null,
        traceId: currentTraceId(),
      },
      tx,
    );
  }

  /**
   * Inserts or replans the row. `any-newer`: a newer version replaces whatever is there (a
   * reconnect revives a dead row); `live-newer`: only rows still refreshing or warning move on.
   * Returns the plan, or null when the row already knew better.
   */
  private async upsert(
    d: Pick<Connected, 'connectionId' | 'teamId' | 'type' | 'credentialVersion'> & {
      appKey?: string;
    },
    facts: CredentialFacts,
    tx: EntityManager,
    guard: 'any-newer' | 'live-newer',
  ): Promise<Plan | null> {
    const now = new Date();
    const plan = planCredential(this.policies.for(d.type), facts, now);
    const ladder = this.ladders.columnsFor(plan.ladder, now);
    const rows: unknown[] = await tx.query(
      `INSERT INTO refresh_scheduler.schedule AS s
         (connection_id, team_id, type, credential_version, state, expires_at, refresh_expires_at,
          refreshable, issued_at, next_due_at, attempts, warn_at, warn_cause, warn_target,
          warn_generation, app_key, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14,
         COALESCE($16, 'default'), now())
       ON CONFLICT (connection_id) DO UPDATE SET
         credential_version = EXCLUDED.credential_version, state = EXCLUDED.state,
         expires_at = EXCLUDED.expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
         refreshable = EXCLUDED.refreshable, issued_at = EXCLUDED.issued_at,
         next_due_at = EXCLUDED.next_due_at, attempts = 0, last_outcome = NULL,
         warn_at = EXCLUDED.warn_at, warn_cause = EXCLUDED.warn_cause,
         warn_target = EXCLUDED.warn_target, warn_generation = EXCLUDED.warn_generation,
         lease_owner = NULL, app_key = COALESCE($16, s.app_key), updated_at = now()
       WHERE s.credential_version < EXCLUDED.credential_version
         AND ($15 = 'any-newer' OR s.state IN ${LIVE_STATES})
       RETURNING 1`,
      [
        d.connectionId,
        d.teamId,
        d.type,
        d.credentialVersion,
        plan.state,
        facts.expiresAt,
        facts.refreshExpiresAt,
        facts.refreshable,
        facts.issuedAt,
        plan.nextDueAt,
        ladder?.warnAt ?? null,
        ladder?.cause ?? null,
        ladder?.targetAt ?? null,
        ladder?.generation ?? null,
        guard,
        // the developer app the credential was issued to (events that don't say keep the row's)
        'appKey' in d && d.appKey ? d.appKey : null,
      ],
    );
    return rows.length > 0 ? plan : null;
  }
}

function factsOf(
  d: Pick<Refreshed, 'credentialVersion' | 'expiresAt' | 'refreshable' | 'refreshExpiresAt'>,
  issuedAt: Date,
): CredentialFacts {
  return {
    credentialVersion: d.credentialVersion,
    expiresAt: d.expiresAt ? new Date(d.expiresAt) : null,
    refreshable: d.refreshable,
    refreshExpiresAt: d.refreshExpiresAt ? new Date(d.refreshExpiresAt) : null,
    issuedAt,
  };
}

function describePlan(facts: CredentialFacts, plan: Plan | null): string {
  const expires = facts.expiresAt ? `expires ${facts.expiresAt.toISOString()}` : 'never expires';
  if (!plan) return `${expires}; a newer state was already known`;
  if (plan.nextDueAt) return `${expires}; refresh planned ${plan.nextDueAt.toISOString()}`;
  if (plan.ladder) return `${expires}; cannot be refreshed: expiry warnings planned`;
  return `${expires}; nothing to refresh`;
}
