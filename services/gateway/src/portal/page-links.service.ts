import { Inject, Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { signLink, verifyLink } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { checkRedirectUrl } from '../connect/redirect-policy';
import { TeamsService } from '../teams/teams.service';
import {
  AccountsPageSettings,
  PortalSettings,
  type BrandingSettings,
  type CreateAccountsPageLinkBody,
  type CreatePortalLinkBody,
} from './page-link.dto';

export type PageKind = 'portal' | 'accounts';

export interface PageLink<S> {
  id: string;
  teamId: string;
  settings: S;
  expiresAt: Date;
}

export type LinkCheck<S> =
  | { ok: true; link: PageLink<S> }
  | { ok: false; reason: 'invalid' | 'expired'; language: string | null };

const DEFAULT_SECONDS: Record<PageKind, number> = { portal: 600, accounts: 3600 };
const PURPOSE: Record<PageKind, string> = { portal: 'portal', accounts: 'accounts-page' };
const PATH: Record<PageKind, string> = { portal: '/portal', accounts: '/accounts-page' };
const SCHEMA: Record<PageKind, z.ZodType> = {
  portal: PortalSettings,
  accounts: AccountsPageSettings,
};

interface LinkRow {
  id: string;
  team_id: string;
  kind: PageKind;
  settings: unknown;
  expires_at: Date;
}

/**
 * Signed, expiring links to the hosted pages. The token carries only the link's id (HMAC-signed,
 * one key per purpose, so a portal link never opens the accounts page); the settings live in the
 * `page_link` row, so nothing a product passed shows up in the URL.
 */
@Injectable()
export class PageLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async createPortal(body: CreatePortalLinkBody): Promise<{ url: string; expiresAt: string }> {
    const team = await this.teams.get(body.teamId);
    const redirectUrl = checkRedirectUrl(
      body.redirectUrl,
      team.allowedRedirectOrigins,
      this.env.DEV_MODE,
    );
    await this.checkMember(team.id, body.memberId);
    const settings: PortalSettings = {
      ...brandingOf(body, redirectUrl),
      socialAccountTypes: [...new Set(body.socialAccountTypes)],
      showModalOnConnectSuccess: body.showModalOnConnectSuccess ?? false,
      maxSocialAccountsConnected: body.maxSocialAccountsConnected ?? null,
      memberId: body.memberId ?? null,
      endUserId: body.endUserId ?? null,
      metadata: body.metadata ?? {},
    };
    return this.create('portal', team.id, settings, body.expiresInSeconds);
  }

  async createAccountsPage(
    body: CreateAccountsPageLinkBody,
  ): Promise<{ url: string; expiresAt: string }> {
    const team = await this.teams.get(body.teamId);
    const redirectUrl = body.redirectUrl
      ? checkRedirectUrl(body.redirectUrl, team.allowedRedirectOrigins, this.env.DEV_MODE)
      : null;
    await this.checkMember(team.id, body.memberId);
    const settings: AccountsPageSettings = {
      ...brandingOf(body, redirectUrl),
      memberId: body.memberId ?? null,
      endUserId: body.endUserId ?? null,
    };
    return this.create('accounts', team.id, settings, body.expiresInSeconds);
  }

  check(kind: 'portal', token: unknown): Promise<LinkCheck<PortalSettings>>;
  check(kind: 'accounts', token: unknown): Promise<LinkCheck<AccountsPageSettings>>;
  async check(kind: PageKind, token: unknown): Promise<LinkCheck<unknown>> {
    if (typeof token !== 'string') return { ok: false, reason: 'invalid', language: null };
    const verdict = verifyLink(this.env.PORTAL_SIGNING_SECRET, PURPOSE[kind], token);
    if (!verdict.ok) {
      if (verdict.reason !== 'expired') return { ok: false, reason: 'invalid', language: null };
      const row = await this.row(verdict.claims.id, kind);
      return { ok: false, reason: 'expired', language: languageOf(row) };
    }
    const row = await this.row(verdict.claims.id, kind);
    if (!row) return { ok: false, reason: 'invalid', language: null };
    if (row.expires_at.getTime() <= Date.now())
      return { ok: false, reason: 'expired', language: languageOf(row) };
    return { ok: true, link: this.toLink(row) };
  }

  /** A link by id, whatever its age (a flow that began before it expired may still end). */
  async byId(kind: 'portal', id: string): Promise<PageLink<PortalSettings> | null>;
  async byId(kind: 'accounts', id: string): Promise<PageLink<AccountsPageSettings> | null>;
  async byId(kind: PageKind, id: string): Promise<PageLink<unknown> | null> {
    const row = await this.row(id, kind);
    return row ? this.toLink(row) : null;
  }

  /** The token of an existing link, for links back to it from pages it leads to. */
  tokenFor(kind: PageKind, link: PageLink<unknown>): string {
    return signLink(this.env.PORTAL_SIGNING_SECRET, PURPOSE[kind], { id: link.id }, link.expiresAt);
  }

  private async create(
    kind: PageKind,
    teamId: string,
    settings: BrandingSettings,
    expiresInSeconds: number | undefined,
  ): Promise<{ url: string; expiresAt: string }> {
    const seconds = expiresInSeconds ?? DEFAULT_SECONDS[kind];
    if (seconds > this.env.PORTAL_LINK_MAX_SECONDS) {
      throw new CodedError(
        ErrorCodes.validation,
        `expiresInSeconds: at most ${this.env.PORTAL_LINK_MAX_SECONDS} on this deployment`,
      );
    }
    const id = randomUUID();
    const expiresAt = new Date(Math.floor((Date.now() + seconds * 1000) / 1000) * 1000);
    await this.dataSource.query(
      `INSERT INTO gateway.page_link (id, team_id, kind, settings, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [id, teamId, kind, JSON.stringify(settings), expiresAt],
    );
    const token = signLink(this.env.PORTAL_SIGNING_SECRET, PURPOSE[kind], { id }, expiresAt);
    const url = new URL(`${this.env.PUBLIC_URL.replace(/\/$/, '')}${PATH[kind]}`);
    url.searchParams.set('t', token);
    return { url: url.toString(), expiresAt: expiresAt.toISOString() };
  }

  private async checkMember(teamId: string, memberId: string | undefined): Promise<void> {
    if (memberId && !(await this.teams.findMember(teamId, memberId)))
      throw new CodedError(ErrorCodes.notFound, 'memberId: no such member in this team');
  }

  private async row(id: unknown, kind: PageKind): Promise<LinkRow | null> {
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: LinkRow[] = await this.dataSource.query(
      `SELECT id, team_id, kind, settings, expires_at FROM gateway.page_link WHERE id = $1 AND kind = $2`,
      [id, kind],
    );
    return rows[0] ?? null;
  }

  private toLink(row: LinkRow): PageLink<unknown> {
    return {
      id: row.id,
      teamId: row.team_id,
      settings: SCHEMA[row.kind].parse(row.settings),
      expiresAt: row.expires_at,
    };
  }
}

function brandingOf(
  body: CreatePortalLinkBody | CreateAccountsPageLinkBody,
  redirectUrl: string | null,
): BrandingSettings {
  return {
    logoUrl: body.logoUrl ?? null,
    userLogoUrl: body.userLogoUrl ?? null,
    userName: body.userName ?? null,
    goBackButtonText: body.goBackButtonText ?? null,
    language: body.language ?? null,
    hidePoweredBy: body.hidePoweredBy ?? false,
    hideGoBackButton: body.hideGoBackButton ?? false,
    hideUserLogo: body.hideUserLogo ?? false,
    hideUserName: body.hideUserName ?? false,
    hideLanguageSwitcher: body.hideLanguageSwitcher ?? false,
    redirectUrl,
  };
}

function languageOf(row: LinkRow | null): string | null {
  const settings = row?.settings as { language?: unknown } | undefined;
  return typeof settings?.language === 'string' ? settings.language : null;
}
