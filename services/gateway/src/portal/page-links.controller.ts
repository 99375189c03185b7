import { Body, Controller, Post } from '@nestjs/common';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { CreateAccountsPageLinkBody, CreatePortalLinkBody } from './page-link.dto';
import { PageLinksService } from './page-links.service';

/** Signed links to the hosted portal and the hosted accounts page (scope `accounts:write`). */
@Controller('api/v1/social-account')
export class PageLinksController {
  constructor(private readonly links: PageLinksService) {}

  @ApiZod({ body: CreatePortalLinkBody })
  @Post('create-portal-link')
  createPortalLink(
    @Caller() caller: Principal,
    @Body(new ZodPipe(CreatePortalLinkBody)) body: CreatePortalLinkBody,
  ): Promise<{ url: string; expiresAt: string }> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'accounts:write');
    return this.links.createPortal(body);
  }

  @ApiZod({ body: CreateAccountsPageLinkBody })
  @Post('create-accounts-page-link')
  createAccountsPageLink(
    @Caller() caller: Principal,
    @Body(new ZodPipe(CreateAccountsPageLinkBody)) body: CreateAccountsPageLinkBody,
  ): Promise<{ url: string; expiresAt: string }> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'accounts:write');
    return this.links.createAccountsPage(body);
  }
}
