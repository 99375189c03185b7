import { Inject, Injectable } from '@nestjs/common';
import { RECONNECT_LINK_PURPOSE, type ReconnectLinkClaims } from '@switchboard/contracts';
import { signLink } from '@switchboard/platform';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import type { ActionLink } from '../messages/renderer';

/**
 * One-click Reconnect links: signed with PORTAL_SIGNING_SECRET, expiring, naming the connection
 * to resume. The gateway verifies them and starts a reconnect flow for that same connection.
 */
@Injectable()
export class ReconnectLinksService {
  constructor(@Inject(NOTIFIER_ENV) private readonly env: NotifierEnv) {}

  link(
    connectionId: string,
    teamId: string,
    memberId: string | null,
    locale: string,
    now = new Date(),
  ): ActionLink {
    const expiresAt = new Date(now.getTime() + this.env.RECONNECT_LINK_TTL_SECONDS * 1000);
    const claims: Omit<ReconnectLinkClaims, 'exp'> = {
      c: connectionId,
      t: teamId,
      m: memberId,
      l: locale,
    };
    const token = signLink(
      this.env.PORTAL_SIGNING_SECRET,
      RECONNECT_LINK_PURPOSE,
      claims,
      expiresAt,
    );
    const url = new URL(`${this.env.PUBLIC_URL.replace(/\/$/, '')}/reconnect`);
    url.searchParams.set('t', token);
    return { url: url.toString(), expiresAt };
  }
}
