import type { Notice } from '@switchboard/contracts';
import type { AccountEntity } from '../accounts/account.entity';
import { html, safeImageUrl, type SafeHtml } from '../portal/html';
import type { T } from '../portal/i18n/translator';
import { layout } from '../portal/page-layout';
import type { AccountsPageSettings } from '../portal/page-link.dto';
import { platformName } from '../portal/platform-names';

export interface AccountsPageContext {
  lang: string;
  t: T;
  settings: AccountsPageSettings;
  token: string;
  csrf: string;
  devMode: boolean;
}

const REASONS = new Set([
  'reauth_required',
  'permission_lost',
  'transient_exhausted',
  'not_refreshable',
  'refresh_failing',
  'refresh_token_end_of_life',
  'revoked_by_user',
  'disconnected_by_team',
]);

function date(at: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

function hidden(ctx: AccountsPageContext, accountId: string): SafeHtml {
  return html`<input type="hidden" name="t" value="${ctx.token}" />
    <input type="hidden" name="csrf" value="${ctx.csrf}" />
    <input type="hidden" name="lang" value="${ctx.lang}" />
    <input type="hidden" name="id" value="${accountId}" />`;
}

function reasonText(ctx: AccountsPageContext, a: AccountEntity): string | null {
  if (a.status === 'ACTIVE' && !a.statusReason) return null;
  const key = a.statusReason && REASONS.has(a.statusReason) ? a.statusReason : 'other';
  return ctx.t(`reason.${key}`, { platform: platformName(a.type) });
}

function accountItem(ctx: AccountsPageContext, a: AccountEntity): SafeHtml {
  const { t } = ctx;
  const avatar = safeImageUrl(a.avatarUrl, ctx.devMode);
  const reason = reasonText(ctx, a);
  const confirm = `/accounts-page/disconnect?t=${encodeURIComponent(ctx.token)}&id=${a.id}&lang=${ctx.lang}`;
  return html`<li class="card" data-account="${a.id}" data-status="${a.status}">
    <div class="account">
      ${avatar ? html`<img src="${avatar}" alt="" />` : null}
      <div class="body">
        <div class="name">${a.displayName}</div>
        <p>
          <span class="badge ${a.status}" data-testid="status">${t(`status.${a.status}`)}</span>
          ${a.isMain ? html` <span class="badge DISCONNECTED">${t('accounts.main')}</span>` : null}
        </p>
        ${reason ? html`<p data-testid="reason">${reason}</p>` : null}
        <p class="muted">
          ${t('accounts.connected_on', { date: date(a.connectedAt, ctx.lang) })}<br />
          ${
            a.lastRefreshedAt
              ? t('accounts.last_refresh', { date: date(a.lastRefreshedAt, ctx.lang) })
              : t('accounts.never_refreshed')
          }
          ${
            a.expiresAt && a.status !== 'ACTIVE'
              ? html`<br />${t('accounts.access_ends', { date: date(a.expiresAt, ctx.lang) })}`
              : null
          }
        </p>
      </div>
    </div>
    <div class="actions">
      <form method="post" action="/accounts-page/reconnect">
        ${hidden(ctx, a.id)}
        <button type="submit" data-action="reconnect">${t('accounts.reconnect')}</button>
      </form>
      ${
        a.isMain
          ? null
          : html`<form method="post" action="/accounts-page/main">
              ${hidden(ctx, a.id)}
              <button type="submit" class="secondary" data-action="main">
                ${t('accounts.set_main')}
              </button>
            </form>`
      }
      <a class="button secondary" data-action="disconnect" href="${confirm}"
        >${t('accounts.disconnect')}</a
      >
    </div>
  </li>`;
}

/** The accounts grouped by platform (also what the live stream swaps in). */
export function accountsFragment(ctx: AccountsPageContext, accounts: AccountEntity[]): SafeHtml {
  if (accounts.length === 0) return html`<p>${ctx.t('accounts.empty')}</p>`;
  const byType = new Map<string, AccountEntity[]>();
  for (const a of accounts) byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
  return html`${[...byType].map(
    ([type, items]) =>
      html`<section aria-label="${platformName(type)}">
        <h2>${platformName(type)}</h2>
        <ul class="grid">
          ${items.map((a) => accountItem(ctx, a))}
        </ul>
      </section>`,
  )}`;
}

export function noticesFragment(ctx: AccountsPageContext, notices: Notice[]): SafeHtml {
  if (notices.length === 0) return html`<p class="muted">${ctx.t('accounts.no_notices')}</p>`;
  return html`${notices.map(
    (n) =>
      html`<div class="notice ${n.severity === 'error' ? 'error' : ''}" data-notice="${n.id}">
        <strong>${n.title}</strong>
        <p>${n.body}</p>
        <span class="muted">${date(new Date(n.createdAt), ctx.lang)}</span>
      </div>`,
  )}`;
}

export function accountsPage(
  ctx: AccountsPageContext,
  accounts: AccountEntity[],
  notices: Notice[],
  flash: { text: string; error: boolean } | null,
): string {
  const { t } = ctx;
  return layout(
    {
      lang: ctx.lang,
      t,
      title: t('accounts.title'),
      branding: ctx.settings,
      devMode: ctx.devMode,
      switcher: { action: '/accounts-page', hidden: { t: ctx.token } },
      backUrl: ctx.settings.redirectUrl,
      stream: `/accounts-page/stream?t=${encodeURIComponent(ctx.token)}&lang=${ctx.lang}`,
    },
    html`<h1>${t('accounts.title')}</h1>
      <p class="muted">${t('accounts.live')}</p>
      ${
        flash
          ? html`<p class="notice ${flash.error ? 'error' : ''}" role="status" data-testid="flash">
              ${flash.text}
            </p>`
          : null
      }
      <div id="accounts" aria-live="polite">${accountsFragment(ctx, accounts)}</div>
      <h2>${t('accounts.notices')}</h2>
      <div id="notices" aria-live="polite">${noticesFragment(ctx, notices)}</div>`,
  );
}

/** The confirmation step before a disconnect. */
export function confirmDisconnectPage(ctx: AccountsPageContext, a: AccountEntity): string {
  const { t } = ctx;
  const title = t('accounts.confirm_title', { account: a.displayName });
  const cancel = `/accounts-page?t=${encodeURIComponent(ctx.token)}&lang=${ctx.lang}`;
  return layout(
    { lang: ctx.lang, t, title, branding: ctx.settings, devMode: ctx.devMode },
    html`<h1>${title}</h1>
      <p>${t('accounts.confirm_body', { platform: platformName(a.type) })}</p>
      <div class="actions">
        <form method="post" action="/accounts-page/disconnect">
          ${hidden(ctx, a.id)}
          <button type="submit" class="danger" data-action="confirm-disconnect">
            ${t('accounts.confirm_yes')}
          </button>
        </form>
        <a class="button secondary" href="${cancel}">${t('accounts.confirm_no')}</a>
      </div>`,
  );
}
