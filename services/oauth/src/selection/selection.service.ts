import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthConnectionChannels,
  OAuthConnectionSwitch,
  OAuthSelectionComplete,
  OAuthSelectionGet,
  VaultGrantGet,
  VaultGrantPut,
  type ChannelCandidateView,
  type ConnectedAccount,
  type Metadata,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import type { ProviderAdapter, ProviderRegistry, TokenSet } from '@switchboard/providers';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CallbackOutcome } from '../callback/callback-outcome';
import { OAUTH_ENV, type OAuthEnv } from '../config';
import { ConnectionEntity } from '../connections/connection.entity';
import { ConnectionWriter } from '../connections/connection-writer.service';
import type { FlowEntity } from '../flow/flow.entity';
import { finishFlow } from '../flow/finish-flow';
import { PROVIDERS } from '../providers.provider';

/** Longer than any completion takes (its RPCs time out well before): older claims are orphans. */
const RECLAIM_AFTER_SECONDS = 120;

interface SelectionRow {
  id: string;
  team_id: string;
  type: string;
  grant_id: string;
  grant_user_id: string | null;
  candidates: ChannelCandidateView[];
  multiple: boolean;
  member_id: string | null;
  end_user_id: string | null;
  metadata: Metadata;
  status: 'pending' | 'completing' | 'completed';
  expires_at: Date;
}

/**
 * Channel selection as its own step: the user's grant is kept in the vault, the candidates are
 * shown through the API, and each chosen channel becomes a connection. The same grant later
 * lets a connection switch to another channel without redoing OAuth.
 */
@Injectable()
export class SelectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly writer: ConnectionWriter,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(OAUTH_ENV) private readonly env: OAuthEnv,
  ) {}

  /** After a successful code exchange on a platform with channels. */
  async begin(
    flow: FlowEntity,
    type: PlatformType,
    adapter: ProviderAdapter,
    grant: TokenSet,
  ): Promise<CallbackOutcome> {
    const channels = adapter.channels!;
    const candidates = (await channels.list(grant)).map(toView);
    const eligible = candidates.filter((c) => c.eligible);
    if (eligible.length === 0) {
      return {
        kind: 'no-channels',
        param: channels.noChannelsParam,
        detail: candidates.find((c) => c.detail)?.detail ?? null,
      };
    }
    const grantUser = await adapter
      .identify(grant)
      .then((i) => i.externalId)
      .catch(() => null);
    const grantId = randomUUID();
    await this.rpc.call(VaultGrantPut, {
      grantId,
      teamId: flow.teamId,
      type,
      credential: toCredential(grant),
    });

    if (flow.reconnectConnectionId) {
      // reconnecting a channel connection: the same channel must still be there
      const connection = await this.dataSource.manager.findOne(ConnectionEntity, {
        where: { id: flow.reconnectConnectionId, teamId: flow.teamId },
      });
      const same = connection && eligible.find((c) => c.id === connection.externalId);
      if (!same) {
        return {
          kind: 'error',
          code: 'reconnect-account-mismatch',
          message: 'the account being reconnected is not among those this login can access',
        };
      }
      const account = await this.connectChannel(
        {
          teamId: flow.teamId,
          type,
          grantId,
          grantUserId: grantUser,
          memberId: flow.memberId,
          endUserId: flow.endUserId,
          metadata: flow.metadata,
        },
        adapter,
        grant,
        same.id,
        { kind: 'reconnect', connectionId: flow.reconnectConnectionId },
        flow.id,
      );
      return { kind: 'success', account };
    }

    const selectionId = randomUUID();
    const now = new Date();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO oauth.selection (id, flow_id, team_id, type, grant_id, grant_user_id, candidates, multiple,
           member_id, end_user_id, metadata, status, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13)`,
        [
          selectionId,
          flow.id,
          flow.teamId,
          type,
          grantId,
          grantUser,
          JSON.stringify(candidates),
          channels.multiple,
          flow.memberId,
          flow.endUserId,
          JSON.stringify(flow.metadata),
          new Date(now.getTime() + this.env.OAUTH_SELECTION_TTL_SECONDS * 1000),
          now,
        ],
      );
      await finishFlow(tx, flow.id, 'select-channel');
    });
    return { kind: 'select-channel', selectionId };
  }

  async get(
    req: RpcRequest<typeof OAuthSelectionGet>,
  ): Promise<RpcReply<typeof OAuthSelectionGet>> {
    const row = await this.find(req.selectionId);
    return {
      id: row.id,
      teamId: row.team_id,
      type: row.type as PlatformType,
      expiresAt: row.expires_at.toISOString(),
      status:
        row.status === 'completed'
          ? 'completed'
          : row.expires_at <= new Date()
            ? 'expired'
            : 'pending',
      multiple: row.multiple,
      candidates: row.candidates,
    };
  }

  async complete(
    req: RpcRequest<typeof OAuthSelectionComplete>,
  ): Promise<RpcReply<typeof OAuthSelectionComplete>> {
    const row = await this.find(req.selectionId);
    if (row.team_id !== req.teamId) throw new CodedError(ErrorCodes.notFound, 'no such selection');
    const ids = [...new Set(req.channelIds)];
    if (!row.multiple && ids.length > 1)
      throw new CodedError(
        ErrorCodes.validation,
        'channelIds: this platform connects one channel per authorization',
      );
    for (const id of ids) {
      const candidate = row.candidates.find((c) => c.id === id);
      if (!candidate)
        throw new CodedError(
          ErrorCodes.validation,
          `channelId: ${id.slice(0, 100)} is not one of the candidates`,
        );
      if (!candidate.eligible)
        throw new CodedError(
          'channel-not-eligible',
          `${candidate.name} cannot be connected: ${candidate.detail ?? 'not eligible'}`,
        );
    }
    // a claim older than the window was left by a process that died while completing: take it
    // over (channels it had already connected are reconnected idempotently)
    const claimed: [unknown[], number] = await this.dataSource.query(
      `UPDATE oauth.selection SET status = 'completing', claimed_at = now()
       WHERE id = $1 AND expires_at > now() AND (status = 'pending'
         OR (status = 'completing' AND (claimed_at IS NULL
           OR claimed_at < now() - make_interval(secs => $2))))`,
      [row.id, RECLAIM_AFTER_SECONDS],
    );
    if (claimed[1] !== 1) throw unclaimable(row);
    try {
      const type = row.type as PlatformType;
      const adapter = this.providers.get(type);
      const grant = fromCredential(
        await this.rpc.call(VaultGrantGet, { grantId: row.grant_id, teamId: row.team_id }),
      );
      const accounts: ConnectedAccount[] = [];
      for (const id of ids) {
        accounts.push(
          await this.connectChannel(
            {
              teamId: row.team_id,
              type,
              grantId: row.grant_id,
              grantUserId: row.grant_user_id,
              memberId: row.member_id,
              endUserId: row.end_user_id,
              metadata: row.metadata,
            },
            adapter,
            grant,
            id,
            { kind: 'new' },
            null,
          ),
        );
      }
      await this.dataSource.query(
        `UPDATE oauth.selection SET status = 'completed', completed_at = now() WHERE id = $1`,
        [row.id],
      );
      return { accounts };
    } catch (error) {
      // let the user try again (channels already connected are reconnected idempotently)
      await this.dataSource.query(
        `UPDATE oauth.selection SET status = 'pending' WHERE id = $1 AND status = 'completing'`,
        [row.id],
      );
      throw error;
    }
  }

  async channelsOf(
    req: RpcRequest<typeof OAuthConnectionChannels>,
  ): Promise<RpcReply<typeof OAuthConnectionChannels>> {
    const { adapter, grant } = await this.grantOf(req.connectionId, req.teamId);
    return { candidates: (await adapter.channels!.list(grant)).map(toView) };
  }

  async switchChannel(
    req: RpcRequest<typeof OAuthConnectionSwitch>,
  ): Promise<RpcReply<typeof OAuthConnectionSwitch>> {
    const { connection, adapter, grant } = await this.grantOf(req.connectionId, req.teamId);
    const candidate = (await adapter.channels!.list(grant)).find((c) => c.id === req.channelId);
    if (!candidate)
      throw new CodedError(
        ErrorCodes.validation,
        'channelId: not available to the grant behind this connection',
      );
    if (!candidate.eligible)
      throw new CodedError('channel-not-eligible', `${candidate.name} cannot be connected`);
    const account = await this.connectChannel(
      {
        teamId: req.teamId,
        type: connection.type as PlatformType,
        grantId: connection.grantId,
        grantUserId: connection.grantUserId,
        memberId: null,
        endUserId: null,
        metadata: {},
      },
      adapter,
      grant,
      req.channelId,
      { kind: 'switch', connectionId: connection.id },
      null,
    );
    return { account };
  }

  private async connectChannel(
    ctx: {
      teamId: string;
      type: PlatformType;
      grantId: string | null;
      grantUserId: string | null;
      memberId: string | null;
      endUserId: string | null;
      metadata: Metadata;
    },
    adapter: ProviderAdapter,
    grant: TokenSet,
    channelId: string,
    mode:
      | { kind: 'new' }
      | { kind: 'reconnect'; connectionId: string }
      | { kind: 'switch'; connectionId: string },
    flowId: string | null,
  ): Promise<ConnectedAccount> {
    const chosen = await adapter.channels!.connect(grant, channelId);
    return this.writer.write(
      {
        teamId: ctx.teamId,
        type: ctx.type,
        identity: {
          externalId: chosen.externalId,
          displayName: chosen.displayName,
          avatarUrl: chosen.avatarUrl,
        },
        tokens: chosen.tokens,
        memberId: ctx.memberId,
        endUserId: ctx.endUserId,
        metadata: ctx.metadata,
        mode,
        grantId: ctx.grantId,
        grantUserId: ctx.grantUserId,
      },
      flowId ? (tx) => finishFlow(tx, flowId, 'success') : undefined,
    );
  }

  private async grantOf(connectionId: string, teamId: string) {
    const connection = await this.dataSource.manager.findOne(ConnectionEntity, {
      where: { id: connectionId, teamId },
    });
    if (!connection) throw new CodedError(ErrorCodes.notFound, 'no such connection');
    const adapter = this.providers.get(connection.type as PlatformType);
    if (!adapter.channels || !connection.grantId) {
      throw new CodedError(
        'no-channel-choice',
        'this connection has no channels to choose from; reconnect instead',
      );
    }
    const grant = fromCredential(
      await this.rpc.call(VaultGrantGet, { grantId: connection.grantId, teamId }),
    );
    return { connection, adapter, grant };
  }

  private async find(selectionId: string): Promise<SelectionRow> {
    const rows: SelectionRow[] = await this.dataSource.query(
      `SELECT * FROM oauth.selection WHERE id = $1`,
      [selectionId],
    );
    if (!rows[0]) throw new CodedError(ErrorCodes.notFound, 'no such selection');
    return rows[0];
  }
}

function unclaimable(row: SelectionRow): CodedError {
  if (row.status === 'completed') {
    return new CodedError(ErrorCodes.conflict, 'this selection was already completed');
  }
  if (row.expires_at.getTime() <= Date.now()) {
    return new CodedError('selection-expired', 'this selection has expired; connect again');
  }
  return new CodedError(
    ErrorCodes.conflict,
    'this selection is being completed by another request; try again shortly',
  );
}

function toView(c: {
  id: string;
  name: string;
  avatarUrl: string | null;
  eligible: boolean;
  detail: string | null;
}): ChannelCandidateView {
  return {
    id: c.id.slice(0, 300),
    name: c.name.slice(0, 300),
    avatarUrl: c.avatarUrl?.slice(0, 2000) ?? null,
    eligible: c.eligible,
    detail: c.detail?.slice(0, 500) ?? null,
  };
}

function toCredential(t: TokenSet) {
  return {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    tokenType: t.tokenType,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    refreshExpiresAt: t.refreshExpiresAt?.toISOString() ?? null,
    scopes: t.scopes,
    extra: t.extra,
  };
}

function fromCredential(c: RpcReply<typeof VaultGrantGet>): TokenSet {
  return {
    accessToken: c.accessToken,
    refreshToken: c.refreshToken,
    tokenType: c.tokenType,
    expiresAt: c.expiresAt ? new Date(c.expiresAt) : null,
    refreshExpiresAt: c.refreshExpiresAt ? new Date(c.refreshExpiresAt) : null,
    scopes: c.scopes,
    extra: c.extra,
  };
}
