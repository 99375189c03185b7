import type { ApiClient } from './api-client';
import { FlowBrowser, withConsent } from './browser';

export interface TeamFixture {
  teamId: string;
  memberId: string;
  memberEmail: string;
  redirectUrl: string;
}

export const PRODUCT_ORIGIN = 'https://app.example.com';

/** A team with one admin member, allowed to redirect to the product's origin. */
export async function createTeam(api: ApiClient, name = 'Test team'): Promise<TeamFixture> {
  const team = await api.post<{ id: string }>('/api/v1/team', {
    name,
    allowedRedirectOrigins: [PRODUCT_ORIGIN],
  });
  if (team.status !== 201) throw new Error(`team: ${team.status} ${JSON.stringify(team.body)}`);
  const memberEmail = `owner-${team.body.id.slice(0, 8)}@example.com`;
  const member = await api.post<{ id: string }>(`/api/v1/team/${team.body.id}/member`, {
    email: memberEmail,
    name: 'Owner',
    role: 'admin',
  });
  if (member.status !== 201)
    throw new Error(`member: ${member.status} ${JSON.stringify(member.body)}`);
  return {
    teamId: team.body.id,
    memberId: member.body.id,
    memberEmail,
    redirectUrl: `${PRODUCT_ORIGIN}/connected`,
  };
}

export interface ConnectResult {
  landedOn: URL;
  browser: FlowBrowser;
  visited: string[];
}

/** Connects an account the way a product would: connect URL → browser → consent → callback. */
export async function connectAccount(
  api: ApiClient,
  team: TeamFixture,
  opts: {
    type: string;
    user: string;
    action?: string;
    browser?: FlowBrowser;
    atProvider?: (authorizeUrl: string) => Promise<void>;
  },
): Promise<ConnectResult> {
  const started = await api.post<{ url: string }>('/api/v1/social-account/connect', {
    teamId: team.teamId,
    type: opts.type,
    redirectUrl: team.redirectUrl,
    memberId: team.memberId,
  });
  if (started.status !== 201)
    throw new Error(`connect: ${started.status} ${JSON.stringify(started.body)}`);
  const browser = opts.browser ?? new FlowBrowser((url) => url.origin === PRODUCT_ORIGIN);
  // open the Switchboard link: it sets the browser cookie and redirects to the provider
  const atProvider = await openUntilProvider(browser, started.body.url);
  await opts.atProvider?.(atProvider);
  const landed = await browser.open(withConsent(atProvider, opts.user, opts.action ?? 'approve'));
  return { landedOn: new URL(landed.finalUrl), browser, visited: [...browser.visited] };
}

async function openUntilProvider(browser: FlowBrowser, url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual', headers: browser.cookieHeaderFor(url) });
  browser.remember(url, res.headers.getSetCookie());
  const location = res.headers.get('location');
  if (res.status !== 302 || !location)
    throw new Error(`launch answered ${res.status}: ${await res.text()}`);
  return location;
}
