import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, OAuthDirectConnect } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { AccountsService } from '../accounts/accounts.service';
import { accountView, type AccountView } from '../accounts/account.view';
import { RegistryService } from '../accounts/registry.service';
import { TeamsService } from '../teams/teams.service';
import type { ConnectBody } from './connect.dto';

/**
 * Connect-body fields that carry a platform's credentials for a synchronous connect (API.md:
 * Telegram `{botToken, channel}`; Bluesky app passwords `{identifier, appPassword}`). Add a
 * platform's fields here and to `ConnectBody`.
 */
export const DIRECT_FIELDS = [
  'botToken',
  'channel',
  'identifier',
  'appPassword',
] as const satisfies readonly (keyof ConnectBody)[];

/** Platforms that connect only synchronously (no authorization redirect exists). */
const DIRECT_ONLY_TYPES: ReadonlySet<string> = new Set(['TELEGRAM']);

/**
 * `POST /social-account/connect` for no-redirect platforms: the credentials go to oauth, which
 * checks them with the platform and stores the account; the answer is the account (201) or the
 * platform's documented error. The account is in the registry before the answer is sent.
 */
@Injectable()
export class DirectConnectService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
    private readonly registry: RegistryService,
    private readonly accounts: AccountsService,
  ) {}

  /** Whether this connect is synchronous: a direct-only platform, or credentials in the body. */
  applies(body: ConnectBody): boolean {
    return DIRECT_ONLY_TYPES.has(body.type) || DIRECT_FIELDS.some((f) => body[f] !== undefined);
  }

  async connect(body: ConnectBody): Promise<AccountView> {
    const team = await this.teams.get(body.teamId);
    if (body.memberId && !(await this.teams.findMember(team.id, body.memberId))) {
      throw new CodedError(ErrorCodes.notFound, 'memberId: no such member in this team');
    }
    if (body.scopes?.length || body.serverUrl !== undefined) {
      throw new CodedError(
        ErrorCodes.validation,
        `${body.type} takes no scopes or serverUrl when connected with credentials`,
      );
    }
    const fields: Record<string, string> = {};
    for (const field of DIRECT_FIELDS) {
      const value = body[field];
      if (value !== undefined) fields[field] = value;
    }
    const { account } = await this.rpc.call(OAuthDirectConnect, {
      teamId: team.id,
      type: body.type,
      memberId: body.memberId ?? null,
      endUserId: body.endUserId ?? null,
      metadata: body.metadata ?? {},
      fields,
      reconnectConnectionId: null,
    });
    await this.registry.upsertConnected(account);
    return accountView(await this.accounts.find(account.id, team.id));
  }
}
