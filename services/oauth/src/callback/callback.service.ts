import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CodedError,
  CONNECT_FAILED_V1,
  OAuthFlowComplete,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import {
  isProviderError,
  missingScopes,
  type FlowContext,
  type ProviderRegistry,
} from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { outcomeUrl } from '../flow/callback-url';
import { FlowEntity } from '../flow/flow.entity';
import { sha256 } from '../flow/hash';
import { PROVIDERS } from '../providers.provider';
import { ConnectionWriter } from '../connections/connection-writer.service';
import { finishFlow } from '../flow/finish-flow';
import { SelectionService } from '../selection/selection.service';
import { AppResolver } from '../apps/app-resolver.service';
import {
  outcomeName,
  outcomeParams,
  type CallbackOutcome,
  type FailedOutcome,
} from './callback-outcome';
import { typeFromSegment } from './platform-segment';
import { stateProblem } from './state-check';

type CompleteRequest = RpcRequest<typeof OAuthFlowComplete>;

/** What platforms send when the user presses Cancel (LinkedIn has its own two). */
const CANCEL_ERRORS = new Set([
  'access_denied',
  'user_cancelled_login',
  'user_cancelled_authorize',
]);
type CompleteReply = RpcReply<typeof OAuthFlowComplete>;

/**
 * Ends a flow when the platform sends the user back: state, browser and issuer are checked before
 * the code is exchanged; the grant goes to the vault; the account is announced through the outbox.
 */
@Injectable()
export class CallbackService {
  private readonly logger = new Logger('callback');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly writer: ConnectionWriter,
    private readonly selections: SelectionService,
    private readonly apps: AppResolver,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async complete(req: CompleteRequest): Promise<CompleteReply> {
    const type = typeFromSegment(req.typeSegment);
    if (!type) return { redirectUrl: null, outcome: 'unknown-platform', account: null };
    const flow = await this.findFlow(req);
    if (!flow) return { redirectUrl: null, outcome: 'invalid-state', account: null };
    const outcome = await this.judge(flow, type, req);
    if (outcome.kind !== 'success' && outcome.kind !== 'select-channel')
      await this.fail(flow, outcome);
    this.logger.log({
      msg: 'callback completed',
      flowId: flow.id,
      type: flow.type,
      outcome: outcomeName(outcome),
    });
    return {
      redirectUrl: outcomeUrl(flow.redirectUrl, outcomeParams(flow.type as PlatformType, outcome)),
      outcome: outcomeName(outcome),
      account: outcome.kind === 'success' ? outcome.account : null,
    };
  }

  /** By state; without a usable state, the browser's latest flow (to tell the product why). */
  private async findFlow(req: CompleteRequest): Promise<FlowEntity | null> {
    const state = req.params.state;
    const repo = this.dataSource.manager.getRepository(FlowEntity);
    if (state) {
      const byState = await repo.findOne({ where: { stateHash: sha256(state) } });
      if (byState) return byState;
    }
    if (!req.browserId) return null;
    return repo.findOne({
      where: { browserHash: sha256(req.browserId) },
      order: { createdAt: 'DESC' },
    });
  }

  private async judge(
    flow: FlowEntity,
    type: PlatformType,
    req: CompleteRequest,
  ): Promise<CallbackOutcome> {
    const p = req.params;
    // the flow's own app (a team's, a Mastodon instance's); a callback for another platform
    // is refused by the state check below
    const adapter = flow.type === type ? await this.apps.adapterFor(type, flow.appKey) : null;
    const problem = stateProblem(
      flow,
      { type, state: p.state, iss: p.iss, browserId: req.browserId },
      adapter?.discovery && flow.context
        ? adapter.discovery.issuer(flow.context as FlowContext)
        : (adapter?.expectedIssuer ?? null),
    );
    if (problem) return { kind: 'invalid-state', detail: problem };
    if (!adapter) return { kind: 'invalid-state', detail: 'platform mismatch' };
    const claimed: [unknown[], number] = await this.dataSource.query(
      `UPDATE oauth.flow SET status = 'completing' WHERE id = $1 AND status = 'launched'`,
      [flow.id],
    );
    if (claimed[1] !== 1) return { kind: 'invalid-state', detail: 'state already used' };

    if (p.error) {
      return CANCEL_ERRORS.has(p.error)
        ? { kind: 'denied' }
        : {
            kind: 'error',
            code: 'provider-error',
            message: `the platform answered ${p.error.slice(0, 100)}`,
          };
    }
    if (!p.code)
      return {
        kind: 'error',
        code: 'missing-code',
        message: 'the platform sent no authorization code',
      };
    try {
      const exchange = {
        code: p.code,
        redirectUri: flow.redirectUri ?? '',
        codeVerifier: flow.codeVerifier,
        requestedScopes: [...adapter.defaultScopes(), ...flow.scopes],
      };
      const tokens =
        adapter.discovery && flow.context
          ? await adapter.discovery.exchangeCode(exchange, flow.context as FlowContext)
          : await adapter.exchangeCode(exchange);
      const missing = missingScopes(adapter.requiredScopes(), tokens.scopes);
      if (missing.length > 0) return { kind: 'not-enough-permissions', missing };
      if (adapter.channels) return await this.selections.begin(flow, type, adapter, tokens);
      const identity = await adapter.identify(tokens);
      const account = await this.writer.write(
        {
          teamId: flow.teamId,
          type,
          identity,
          tokens,
          memberId: flow.memberId,
          endUserId: flow.endUserId,
          metadata: flow.metadata,
          mode: flow.reconnectConnectionId
            ? { kind: 'reconnect', connectionId: flow.reconnectConnectionId }
            : { kind: 'new' },
          grantId: null,
          grantUserId: identity.externalId,
          appKey: flow.appKey,
        },
        (tx) => finishFlow(tx, flow.id, 'success'),
      );
      return { kind: 'success', account };
    } catch (error) {
      if (error instanceof CodedError && error.code === 'limit-reached') {
        return { kind: 'limit-reached' };
      }
      if (error instanceof CodedError) {
        return { kind: 'error', code: error.code, message: error.message };
      }
      if (isProviderError(error)) {
        return {
          kind: 'error',
          code: 'exchange-failed',
          message: `the platform refused the authorization (${error.providerCode ?? error.status ?? 'error'})`,
        };
      }
      this.logger.error({ msg: 'callback failed', flowId: flow.id, err: error });
      return {
        kind: 'error',
        code: 'internal-error',
        message: 'something went wrong; please try again',
      };
    }
  }

  private async fail(flow: FlowEntity, outcome: FailedOutcome): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const claimed: [unknown[], number] = await tx.query(
        `UPDATE oauth.flow SET status = 'failed', outcome = $2, code_verifier = NULL, context = NULL, completed_at = now()
         WHERE id = $1 AND status IN ('created', 'launched', 'completing')`,
        [flow.id, outcomeName(outcome)],
      );
      if (claimed[1] !== 1) return;
      await this.outbox.enqueue(
        tx,
        CONNECT_FAILED_V1,
        {
          flowId: flow.id,
          teamId: flow.teamId,
          type: flow.type as PlatformType,
          memberId: flow.memberId,
          connectionId: flow.reconnectConnectionId,
          code: outcomeName(outcome).slice(0, 100),
          message:
            outcome.kind === 'error'
              ? outcome.message.slice(0, 1000)
              : outcome.kind === 'no-channels'
                ? (outcome.detail ?? outcome.param)
                : outcome.kind,
          missingScopes: outcome.kind === 'not-enough-permissions' ? outcome.missing : [],
        },
        flow.id,
      );
    });
  }
}
