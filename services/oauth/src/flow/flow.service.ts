import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthFlowLaunch,
  OAuthFlowStart,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { generatePkce, randomState, type FlowContext } from '@switchboard/providers';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OAUTH_ENV, type OAuthEnv } from '../config';
import { AppResolver } from '../apps/app-resolver.service';
import { callbackUri } from './callback-url';
import { discoverServer, discoveryFailure } from './server-discovery';
import { FlowEntity } from './flow.entity';
import { randomToken, sameHash, sha256 } from './hash';

/** Starts flows (for the gateway's connect URL) and launches them in the user's browser. */
@Injectable()
export class FlowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apps: AppResolver,
    @Inject(OAUTH_ENV) private readonly env: OAuthEnv,
  ) {}

  async start(req: RpcRequest<typeof OAuthFlowStart>): Promise<RpcReply<typeof OAuthFlowStart>> {
    const appKey = await this.apps.forStart(req.teamId, req.type, req.serverUrl);
    const context = await discoverServer(
      await this.apps.adapterFor(req.type, appKey),
      req.serverUrl,
    );
    const launchToken = randomToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.env.OAUTH_FLOW_TTL_SECONDS * 1000);
    const flow = this.dataSource.manager.create(FlowEntity, {
      id: randomUUID(),
      teamId: req.teamId,
      type: req.type,
      redirectUrl: req.redirectUrl,
      memberId: req.memberId,
      endUserId: req.endUserId,
      metadata: req.metadata,
      scopes: req.scopes,
      reconnectConnectionId: req.reconnectConnectionId,
      appKey,
      context,
      launchTokenHash: sha256(launchToken),
      stateHash: null,
      browserHash: null,
      codeVerifier: null,
      redirectUri: null,
      status: 'created',
      outcome: null,
      expiresAt,
      createdAt: now,
      completedAt: null,
    });
    await this.dataSource.manager.insert(FlowEntity, flow);
    return { flowId: flow.id, launchToken, expiresAt: expiresAt.toISOString() };
  }

  /** Binds the flow to the browser that opened the link, once, and returns the provider URL. */
  async launch(req: RpcRequest<typeof OAuthFlowLaunch>): Promise<RpcReply<typeof OAuthFlowLaunch>> {
    const flow = await this.dataSource.manager.findOne(FlowEntity, { where: { id: req.flowId } });
    if (
      !flow ||
      flow.status !== 'created' ||
      flow.expiresAt <= new Date() ||
      !sameHash(req.launchToken, flow.launchTokenHash)
    ) {
      throw new CodedError(
        ErrorCodes.invalidState,
        'this connect link is invalid, expired or already used',
      );
    }
    const type = flow.type as PlatformType;
    const adapter = await this.apps.adapterFor(type, flow.appKey);
    const state = randomState();
    const pkce = adapter.pkce === 'S256' ? generatePkce() : null;
    const redirectUri = callbackUri(this.env.PUBLIC_URL, type);
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE oauth.flow SET status = 'launched', state_hash = $2, browser_hash = $3, code_verifier = $4, redirect_uri = $5
       WHERE id = $1 AND status = 'created'`,
      [flow.id, sha256(state), sha256(req.browserId), pkce?.verifier ?? null, redirectUri],
    );
    if (result[1] !== 1)
      throw new CodedError(ErrorCodes.invalidState, 'this connect link was already used');
    const params = {
      state,
      redirectUri,
      scopes: [...adapter.defaultScopes(), ...flow.scopes],
      codeChallenge: pkce?.challenge ?? null,
    };
    if (adapter.discovery && flow.context) {
      // pushed first (PAR); the session's DPoP key stays with the flow until the exchange
      const pushed = await adapter.discovery
        .authorize(params, flow.context as FlowContext)
        .catch((error: unknown) => {
          throw discoveryFailure(error);
        });
      await this.dataSource.query(`UPDATE oauth.flow SET context = $2 WHERE id = $1`, [
        flow.id,
        pushed.context,
      ]);
      return { authorizationUrl: pushed.url };
    }
    return { authorizationUrl: adapter.authorizationUrl(params) };
  }
}
