import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthFlowStart,
  OAuthSelectionComplete,
  OAuthSelectionGet,
  type PlatformType,
  type RpcReply,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { RegistryService } from '../accounts/registry.service';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { parseOutcome, PageOutcomeSchema, type PageOutcome } from './outcome';
import type { PageLink } from './page-links.service';
import type { PortalSettings } from './page-link.dto';

/** A started connection attempt holds a slot of the link's cap this long if it never comes back. */
const PENDING_MINUTES = 15;
/** A flow that began while its link was valid may still come back this long after it started. */
export const RETURN_GRACE_MINUTES = 30;

export interface Attempt {
  id: string;
  linkId: string;
  type: PlatformType;
  accountId: string | null;
  language: string;
  status: 'launched' | 'selecting' | 'succeeded' | 'failed';
  outcome: PageOutcome | null;
  createdAt: Date;
}

interface FlowStart {
  teamId: string;
  type: PlatformType;
  memberId: string | null;
  endUserId: string | null;
  metadata: PortalSettings['metadata'];
  reconnectConnectionId: string | null;
}

interface AttemptRow {
  id: string;
  link_id: string;
  type: string;
  account_id: string | null;
  language: string;
  status: Attempt['status'];
  outcome: unknown;
  created_at: Date;
}

/**
 * Flows started from the hosted pages: each is an attempt row whose own return URL brings the
 * browser back to the page that started it. For portal links the attempts are also what
 * `maxSocialAccountsConnected` counts: accounts connected, plus attempts still under way.
 */
@Injectable()
export class PageAttemptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly registry: RegistryService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /** How many more accounts the portal link may connect (null: no cap). */
  async remaining(link: PageLink<PortalSettings>, tx?: EntityManager): Promise<number | null> {
    const max = link.settings.maxSocialAccountsConnected;
    if (max === null) return null;
    const rows: { used: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT COALESCE(SUM(CASE WHEN status IN ('launched', 'selecting')
                                 AND created_at > now() - interval '${PENDING_MINUTES} minutes' THEN 1
                            ELSE connected END), 0) AS used
         FROM gateway.page_attempt WHERE link_id = $1`,
      [link.id],
    );
    return Math.max(0, max - Number(rows[0]?.used ?? 0));
  }

  /**
   * Starts a connection from the portal: under a lock per link, a slot is taken (or the cap
   * answers `limit-reached` at once), then the oauth flow starts with this attempt's return URL.
   */
  async startFromPortal(
    link: PageLink<PortalSettings>,
    type: PlatformType,
    language: string,
  ): Promise<{ attemptId: string; launchUrl: string | null }> {
    if (!link.settings.socialAccountTypes.includes(type))
      throw new CodedError(ErrorCodes.validation, 'type: not offered by this link');
    const attemptId = randomUUID();
    const allowed = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`page-link:${link.id}`]);
      const left = await this.remaining(link, tx);
      const ok = left === null || left > 0;
      await tx.query(
        `INSERT INTO gateway.page_attempt (id, link_id, type, language, status, outcome, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          attemptId,
          link.id,
          type,
          language,
          ok ? 'launched' : 'failed',
          ok ? null : JSON.stringify({ kind: 'limit-reached' }),
          ok ? null : new Date(),
        ],
      );
      return ok;
    });
    if (!allowed) return { attemptId, launchUrl: null };
    const s = link.settings;
    const launchUrl = await this.launch(attemptId, 'portal', {
      teamId: link.teamId,
      type,
      memberId: s.memberId,
      endUserId: s.endUserId,
      metadata: s.metadata,
      reconnectConnectionId: null,
    });
    return { attemptId, launchUrl };
  }

  /** Reconnects an account from the accounts page (same id afterwards). */
  async startReconnect(linkId: string, account: AccountEntity, language: string): Promise<string> {
    const attemptId = randomUUID();
    await this.dataSource.query(
      `INSERT INTO gateway.page_attempt (id, link_id, type, account_id, language, status) VALUES ($1, $2, $3, $4, $5, 'launched')`,
      [attemptId, linkId, account.type, account.id, language],
    );
    return this.launch(attemptId, 'accounts-page', {
      teamId: account.teamId,
      type: account.type as PlatformType,
      memberId: account.memberId,
      endUserId: account.endUserId,
      metadata: account.metadata,
      reconnectConnectionId: account.id,
    });
  }

  async find(id: string): Promise<Attempt | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: AttemptRow[] = await this.dataSource.query(
      `SELECT id, link_id, type, account_id, language, status, outcome, created_at
         FROM gateway.page_attempt WHERE id = $1 AND created_at > now() - interval '${RETURN_GRACE_MINUTES} minutes'`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const outcome = row.outcome === null ? null : PageOutcomeSchema.parse(row.outcome);
    return {
      id: row.id,
      linkId: row.link_id,
      type: row.type as PlatformType,
      accountId: row.account_id,
      language: row.language,
      status: row.status,
      outcome,
      createdAt: row.created_at,
    };
  }

  /** Records how the flow came back (once: a reload shows the same outcome). */
  async recordReturn(attempt: Attempt, query: Record<string, unknown>): Promise<PageOutcome> {
    if (attempt.status !== 'launched' && attempt.outcome) return attempt.outcome;
    const outcome = parseOutcome(attempt.type, query);
    const status =
      outcome.kind === 'success' ? 'succeeded' : outcome.kind === 'select' ? 'selecting' : 'failed';
    const updated: [unknown[], number] = await this.dataSource.query(
      `UPDATE gateway.page_attempt SET status = $2, outcome = $3, connected = $4,
         completed_at = CASE WHEN $2 = 'selecting' THEN NULL ELSE now() END
       WHERE id = $1 AND status = 'launched'`,
      [attempt.id, status, JSON.stringify(outcome), outcome.kind === 'success' ? 1 : 0],
    );
    if (updated[1] === 1) return outcome;
    return (await this.find(attempt.id))?.outcome ?? outcome;
  }

  async selection(
    attempt: Attempt,
    teamId: string,
  ): Promise<RpcReply<typeof OAuthSelectionGet> | null> {
    if (attempt.outcome?.kind !== 'select') return null;
    const s = await this.rpc.call(OAuthSelectionGet, { selectionId: attempt.outcome.selectionId });
    return s.teamId === teamId ? s : null;
  }

  /**
   * The person's choice on the portal's selection page: within the link's cap (this attempt's
   * slot plus what is left), the chosen channels become accounts, listed at once.
   */
  async completeSelection(
    attempt: Attempt,
    link: PageLink<PortalSettings>,
    channelIds: string[],
  ): Promise<'done' | 'limit-reached' | 'expired'> {
    const selection = await this.selection(attempt, link.teamId);
    if (!selection || attempt.status !== 'selecting') return 'expired';
    if (selection.status !== 'pending') return 'expired';
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`page-link:${link.id}`]);
      const left = await this.remaining(link, tx);
      // this attempt's own slot is counted in `left`'s pending share
      if (left !== null && channelIds.length > left + 1) return 'limit-reached';
      const { accounts } = await this.rpc.call(OAuthSelectionComplete, {
        selectionId: selection.id,
        teamId: link.teamId,
        channelIds,
      });
      for (const account of accounts) await this.registry.upsertConnected(account);
      await tx.query(
        `UPDATE gateway.page_attempt SET status = 'succeeded', connected = $2, outcome = $3, completed_at = now()
         WHERE id = $1`,
        [attempt.id, accounts.length, JSON.stringify({ kind: 'success' })],
      );
      return 'done';
    });
  }

  private async launch(
    attemptId: string,
    page: 'portal' | 'accounts-page',
    start: FlowStart,
  ): Promise<string> {
    const base = this.env.PUBLIC_URL.replace(/\/$/, '');
    try {
      const flow = await this.rpc.call(OAuthFlowStart, {
        ...start,
        redirectUrl: `${base}/${page}/return/${attemptId}`,
        scopes: [],
      });
      const url = new URL(`${base}/api/v1/social-account/flow/${flow.flowId}/launch`);
      url.searchParams.set('token', flow.launchToken);
      return url.toString();
    } catch (error) {
      await this.dataSource.query(
        `UPDATE gateway.page_attempt SET status = 'failed', outcome = $2, completed_at = now() WHERE id = $1`,
        [
          attemptId,
          JSON.stringify({
            kind: 'error',
            code: error instanceof CodedError ? error.code : 'internal-error',
            message: '',
          }),
        ],
      );
      throw error;
    }
  }
}
