import { Injectable } from '@nestjs/common';
import { formatDate, formatRelative } from '../i18n/format';
import { Translator, type Vars } from '../i18n/translator';
import type { AccountFacts, MessageSpec, Severity } from './message-spec';
import { severityOf } from './message-spec';
import { platformName } from '@switchboard/contracts';
import { renderHtml, renderText } from './templates';

export interface Reader {
  name: string | null;
  locale: string;
}

export interface ActionLink {
  url: string;
  expiresAt: Date;
}

export interface RenderedMessage {
  locale: string;
  severity: Severity;
  title: string;
  /** The in-app notice's text: what happened and what to do. */
  body: string;
  subject: string;
  text: string;
  html: string;
}

/** Turns a message into the reader's language: notice text, email subject, plain text and HTML. */
@Injectable()
export class MessageRenderer {
  private readonly i18n = new Translator();

  render(
    spec: MessageSpec,
    reader: Reader,
    link: ActionLink | null,
    now = new Date(),
  ): RenderedMessage {
    const locale = this.i18n.locale(reader.locale);
    const t = (key: string, vars: Vars = {}) => this.i18n.t(locale, key, vars);
    const account = 'account' in spec ? spec.account : null;
    const platform = platformName(account?.type ?? ('type' in spec ? spec.type : ''));
    const base: Vars = { platform, account: account ? accountName(account) : '' };
    const { title, paragraphs } = this.content(spec, base, t, locale, now);
    const action =
      link && account
        ? {
            url: link.url,
            label: t('common.reconnect_button', base),
            note: t('common.link_valid_until', { date: formatDate(link.expiresAt, locale) }),
          }
        : null;
    const view = {
      lang: locale,
      greeting: reader.name
        ? t('common.greeting_named', { name: reader.name })
        : t('common.greeting'),
      title,
      account: account
        ? { name: accountName(account), platform, avatarUrl: safeImage(account.avatarUrl) }
        : null,
      paragraphs,
      action,
      footer: t('common.footer'),
    };
    return {
      locale,
      severity: severityOf(spec),
      title,
      body: paragraphs.join(' '),
      subject: title,
      text: renderText(view),
      html: renderHtml(view),
    };
  }

  private content(
    spec: MessageSpec,
    base: Vars,
    t: (key: string, vars?: Vars) => string,
    locale: string,
    now: Date,
  ): { title: string; paragraphs: string[] } {
    const todo = t('common.todo_reconnect', base);
    switch (spec.kind) {
      case 'token_expiring': {
        const date = formatDate(spec.expiresAt, locale);
        return {
          title: t('token_expiring.title', {
            ...base,
            when: formatRelative(spec.expiresAt, now, locale),
          }),
          paragraphs: [
            t(`token_expiring.cause_${spec.cause}`, { ...base, date }),
            t('token_expiring.todo', base),
          ],
        };
      }
      case 'refresh_failed': {
        const why =
          spec.reason === 'permission_lost' && spec.missingScopes.length > 0
            ? t('refresh_failed.reason_permission_lost_scopes', {
                ...base,
                scopes: spec.missingScopes.join(', '),
              })
            : t(`refresh_failed.reason_${spec.reason}`, base);
        return { title: t('refresh_failed.title', base), paragraphs: [why, todo] };
      }
      case 'disconnected':
        return spec.by === 'provider'
          ? {
              title: t('disconnected.title_provider', base),
              paragraphs: [t('disconnected.body_provider', base), todo],
            }
          : {
              title: t('disconnected.title_team', base),
              paragraphs: [t('disconnected.body_team', base)],
            };
      case 'connect_failed': {
        const reconnect = spec.account !== null;
        return {
          title: t(reconnect ? 'connect_failed.title_reconnect' : 'connect_failed.title_new', base),
          paragraphs: [
            this.connectFailure(spec, base, t),
            t(reconnect ? 'connect_failed.todo_reconnect' : 'connect_failed.todo_new', base),
          ],
        };
      }
      case 'reconnected':
        return { title: t('reconnected.title', base), paragraphs: [t('reconnected.body', base)] };
      case 'reminder':
        return {
          title: t('reminder.title', base),
          paragraphs: [t('reminder.body', { date: formatDate(spec.since, locale) }), todo],
        };
      case 'webhook_disabled': {
        const vars = {
          url: spec.url,
          host: hostOf(spec.url),
          date: formatDate(spec.failingSince, locale),
        };
        return {
          title: t('webhook_disabled.title', vars),
          paragraphs: [t('webhook_disabled.body', vars), t('webhook_disabled.todo')],
        };
      }
    }
  }

  private connectFailure(
    spec: Extract<MessageSpec, { kind: 'connect_failed' }>,
    base: Vars,
    t: (key: string, vars?: Vars) => string,
  ): string {
    if (spec.code === 'denied') return t('connect_failed.reason_denied', base);
    if (spec.code === 'not-enough-permissions' && spec.missingScopes.length > 0) {
      return t('connect_failed.reason_permissions', { scopes: spec.missingScopes.join(', ') });
    }
    if (spec.code === 'error:reconnect-account-mismatch')
      return t('connect_failed.reason_mismatch', base);
    return t('connect_failed.reason_other', { ...base, code: spec.code });
  }
}

export function accountName(account: Pick<AccountFacts, 'displayName' | 'externalId'>): string {
  return account.displayName.trim() || account.externalId;
}

/** Avatars are shown, never fetched by us; only http(s) images make it into the HTML. */
function safeImage(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
