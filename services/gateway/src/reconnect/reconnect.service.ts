import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthFlowStart,
  RECONNECT_LINK_PURPOSE,
  ReconnectLinkClaimsSchema,
  type PlatformType,
  type ReconnectLinkClaims,
} from '@switchboard/contracts';
import { RpcClient, verifyLink } from '@switchboard/platform';
import { AccountsService } from '../accounts/accounts.service';
import { GATEWAY_ENV, type GatewayEnv } from '../config';

export type LinkCheck =
  | { ok: true; claims: ReconnectLinkClaims }
  | { ok: false; reason: 'invalid' | 'expired'; locale: string };

/**
 * One-click Reconnect: verifies the notifier's signed link, then starts a reconnect flow for the
 * very same connection (the oauth service checks the platform account is the same one) that
 * ends on this gateway's small result page.
 */
@Injectable()
export class ReconnectService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly accounts: AccountsService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  check(token: string): LinkCheck {
    const verdict = verifyLink(this.env.PORTAL_SIGNING_SECRET, RECONNECT_LINK_PURPOSE, token);
    if (!verdict.ok) {
      const l = verdict.reason === 'expired' ? verdict.claims.l : undefined;
      const locale = typeof l === 'string' ? l : 'en';
      return { ok: false, reason: verdict.reason === 'expired' ? 'expired' : 'invalid', locale };
    }
    const claims = ReconnectLinkClaimsSchema.safeParse(verdict.claims);
    return claims.success
      ? { ok: true, claims: claims.data }
      : { ok: false, reason: 'invalid', locale: 'en' };
  }

  /** The flow's launch URL: opening it binds the flow to this browser and goes to the platform. */
  async start(claims: ReconnectLinkClaims): Promise<string> {
    const account = await this.accounts.find(claims.c, claims.t);
    // the team removed the account on purpose since the email was sent: nothing to resume
    if (account.status === 'DISCONNECTED' && account.statusReason === 'disconnected_by_team') {
      throw new CodedError(ErrorCodes.notFound, 'not found');
    }
    const done = new URL(`${this.publicUrl}/reconnect/done`);
    done.searchParams.set('lang', claims.l);
    const flow = await this.rpc.call(OAuthFlowStart, {
      teamId: account.teamId,
      type: account.type as PlatformType,
      redirectUrl: done.toString(),
      memberId: account.memberId,
      endUserId: account.endUserId,
      metadata: account.metadata,
      scopes: [],
      reconnectConnectionId: account.id,
    });
    const launch = new URL(`${this.publicUrl}/api/v1/social-account/flow/${flow.flowId}/launch`);
    launch.searchParams.set('token', flow.launchToken);
    return launch.toString();
  }

  private get publicUrl(): string {
    return this.env.PUBLIC_URL.replace(/\/$/, '');
  }
}
