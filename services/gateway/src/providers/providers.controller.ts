import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CodedError,
  CustomProviderKeySchema,
  ErrorCodes,
  OAuthProviderDelete,
  OAuthProviderList,
  OAuthProviderRegister,
  type CustomProviderView,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { TeamsService } from '../teams/teams.service';

const Url = z.string().trim().min(1).max(2000);

/** API.md `POST /api/v1/provider`. URLs are checked further (https, SSRF) by the oauth service. */
export const ProviderBody = z.strictObject({
  teamId: z.uuid(),
  key: CustomProviderKeySchema,
  authorizationUrl: Url,
  tokenUrl: Url,
  revocationUrl: Url.optional(),
  userInfoUrl: Url.optional(),
  issuer: Url.optional(),
  scopes: z.array(z.string().trim().min(1).max(200)).max(50),
  scopeSeparator: z.enum([' ', ',', '+']).optional(),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  clientAuth: z.enum(['basic', 'post']),
  pkce: z.boolean(),
});
export type ProviderBody = z.infer<typeof ProviderBody>;

export const ProviderTeamQuery = z.strictObject({ teamId: z.uuid() });

/**
 * Custom OAuth 2.0 providers: `POST` registers (or replaces) one as `CUSTOM_OAUTH2:<key>` and
 * answers the `redirectUri` to register at the provider; `GET` lists a team's providers; `DELETE`
 * stops new connections with it (existing ones keep refreshing). The client secret is sealed in
 * the vault and never shown again.
 */
@Controller('api/v1/provider')
export class ProvidersController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
  ) {}

  @ApiZod({ body: ProviderBody })
  @Post()
  async register(
    @Caller() caller: Principal,
    @Body(new ZodPipe(ProviderBody)) body: ProviderBody,
  ): Promise<CustomProviderView> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'providers:write');
    await this.teams.get(body.teamId);
    return this.rpc.call(OAuthProviderRegister, {
      teamId: body.teamId,
      key: body.key,
      clientId: body.clientId,
      clientSecret: body.clientSecret,
      config: {
        authorizationUrl: body.authorizationUrl,
        tokenUrl: body.tokenUrl,
        revocationUrl: body.revocationUrl ?? null,
        userInfoUrl: body.userInfoUrl ?? null,
        issuer: body.issuer ?? null,
        scopes: body.scopes,
        scopeSeparator: body.scopeSeparator ?? ' ',
        clientAuth: body.clientAuth,
        pkce: body.pkce,
      },
    });
  }

  @ApiZod({ query: ProviderTeamQuery })
  @Get()
  async list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ProviderTeamQuery)) q: z.infer<typeof ProviderTeamQuery>,
  ): Promise<{ items: CustomProviderView[]; nextCursor: null }> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'accounts:read');
    await this.teams.get(q.teamId);
    const { items } = await this.rpc.call(OAuthProviderList, { teamId: q.teamId });
    return { items, nextCursor: null };
  }

  @ApiZod({ query: ProviderTeamQuery })
  @Delete(':key')
  @HttpCode(204)
  async delete(
    @Caller() caller: Principal,
    @Param('key') key: string,
    @Query(new ZodPipe(ProviderTeamQuery)) q: z.infer<typeof ProviderTeamQuery>,
  ): Promise<void> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'providers:write');
    const parsed = CustomProviderKeySchema.safeParse(key);
    if (!parsed.success) throw new CodedError(ErrorCodes.notFound, 'no such provider');
    const { deleted } = await this.rpc.call(OAuthProviderDelete, {
      teamId: q.teamId,
      key: parsed.data,
    });
    if (!deleted) throw new CodedError(ErrorCodes.notFound, 'no such provider');
  }
}
