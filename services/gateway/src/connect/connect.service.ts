import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthFlowComplete,
  OAuthFlowLaunch,
  OAuthFlowStart,
  type RpcReply,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { RegistryService } from '../accounts/registry.service';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { TeamsService } from '../teams/teams.service';
import type { ConnectBody } from './connect.dto';
import { checkRedirectUrl } from './redirect-policy';

const MAX_PARAM_LENGTH = 4096;
const MAX_PARAMS = 30;

@Injectable()
export class ConnectService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
    private readonly registry: RegistryService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /** A Switchboard URL that, opened in the user's browser, binds the flow to it and goes to the platform. */
  async connect(body: ConnectBody): Promise<{ url: string }> {
    const team = await this.teams.get(body.teamId);
    const redirectUrl = checkRedirectUrl(
      body.redirectUrl,
      team.allowedRedirectOrigins,
      this.env.DEV_MODE,
    );
    if (body.memberId && !(await this.teams.findMember(team.id, body.memberId))) {
      throw new CodedError(ErrorCodes.notFound, 'memberId: no such member in this team');
    }
    const flow = await this.rpc.call(OAuthFlowStart, {
      teamId: team.id,
      type: body.type,
      redirectUrl,
      memberId: body.memberId ?? null,
      endUserId: body.endUserId ?? null,
      metadata: body.metadata ?? {},
      scopes: body.scopes ?? [],
      reconnectConnectionId: null,
      serverUrl: body.serverUrl ?? null,
    });
    const url = new URL(`${this.publicUrl}/api/v1/social-account/flow/${flow.flowId}/launch`);
    url.searchParams.set('token', flow.launchToken);
    return { url: url.toString() };
  }

  launch(
    flowId: string,
    token: string,
    browserId: string,
  ): Promise<RpcReply<typeof OAuthFlowLaunch>> {
    return this.rpc.call(OAuthFlowLaunch, { flowId, launchToken: token, browserId });
  }

  /** Ends the flow; the account is in the registry before the user is sent back (read-your-writes). */
  async callback(
    typeSegment: string,
    query: Record<string, unknown>,
    browserId: string | null,
  ): Promise<RpcReply<typeof OAuthFlowComplete>> {
    const result = await this.rpc.call(OAuthFlowComplete, {
      typeSegment: typeSegment.slice(0, 100),
      params: cleanParams(query),
      browserId,
    });
    if (result.account) await this.registry.upsertConnected(result.account);
    return result;
  }

  private get publicUrl(): string {
    return this.env.PUBLIC_URL.replace(/\/$/, '');
  }
}

/**
 * Keeps only single, bounded string parameters. A garbled or oversized callback loses them and
 * is judged as having no state, which ends in the documented invalid-state outcome.
 */
function cleanParams(query: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(query);
  if (entries.length > MAX_PARAMS) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || key.length > 100 || value.length > MAX_PARAM_LENGTH) return {};
    out[key] = value;
  }
  return out;
}
