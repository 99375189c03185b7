import type { ChannelCandidateView, PlatformType } from '@switchboard/contracts';
import { html, safeImageUrl, type SafeHtml } from './html';
import type { T } from './i18n/translator';
import { layout, type PageFrame } from './page-layout';
import type { PortalSettings } from './page-link.dto';
import { productParams, withParams, type PageOutcome } from './outcome';
import { platformName, requirementKey } from './platform-names';

/** What every portal page needs: the language, the link's settings and the form tokens. */
export interface PortalContext {
  lang: string;
  t: T;
  settings: PortalSettings;
  token: string;
  csrf: string;
  devMode: boolean;
}

function frame(ctx: PortalContext, title: string, backUrl?: string | null): PageFrame {
  return {
    lang: ctx.lang,
    t: ctx.t,
    title,
    branding: ctx.settings,
    devMode: ctx.devMode,
    switcher: { action: '/portal', hidden: { t: ctx.token } },
    backUrl: backUrl === undefined ? ctx.settings.redirectUrl : backUrl,
  };
}

function hidden(ctx: PortalContext): SafeHtml {
  return html`<input type="hidden" name="t" value="${ctx.token}" />
    <input type="hidden" name="csrf" value="${ctx.csrf}" />
    <input type="hidden" name="lang" value="${ctx.lang}" />`;
}

function connectForm(ctx: PortalContext, type: string, label: string, disabled: boolean): SafeHtml {
  const id = `req-${type.replace(/[^A-Za-z0-9]/g, '-')}`;
  return html`<form method="post" action="/portal/connect">
    ${hidden(ctx)}
    <input type="hidden" name="type" value="${type}" />
    <button
      type="submit"
      aria-describedby="${id}"
      data-type="${type}"
      ${disabled ? html`disabled` : null}
    >
      ${label}
    </button>
  </form>`;
}

/** The portal: the platforms offered, each with what it requires, and a Connect button. */
export function portalPage(ctx: PortalContext, remaining: number | null): string {
  const { t } = ctx;
  const none = remaining === 0;
  const cards = ctx.settings.socialAccountTypes.map((type) => {
    const name = platformName(type);
    const id = `req-${type.replace(/[^A-Za-z0-9]/g, '-')}`;
    return html`<li class="card" data-platform="${type}">
      <h2>${name}</h2>
      <p class="req" id="${id}">
        <strong>${t('portal.before')}:</strong> ${t(requirementKey(type), { platform: name })}
      </p>
      ${connectForm(ctx, type, t('portal.connect', { platform: name }), none)}
    </li>`;
  });
  return layout(
    frame(ctx, t('portal.title')),
    html`<h1>${t('portal.title')}</h1>
      <p>${t('portal.intro')}</p>
      ${
        remaining !== null
          ? html`<p class="notice" role="status">
              ${none ? t('portal.none_left') : t('portal.remaining', { count: remaining })}
            </p>`
          : null
      }
      <h2 class="muted">${t('portal.platforms')}</h2>
      <ul class="grid">
        ${cards}
      </ul>`,
  );
}

function portalHref(ctx: PortalContext): string {
  return `/portal?t=${encodeURIComponent(ctx.token)}&lang=${ctx.lang}`;
}

/** After a success: the modal (back, or connect more), or a plain success page. */
export function successPage(ctx: PortalContext, type: PlatformType, modal: boolean): string {
  const { t } = ctx;
  const name = platformName(type);
  const back = ctx.settings.redirectUrl
    ? withParams(ctx.settings.redirectUrl, productParams(type, { kind: 'success' }))
    : null;
  const buttons = html`<div class="actions">
    <a class="button" data-testid="connect-more" href="${portalHref(ctx)}"
      >${t('outcome.connect_more')}</a
    >
    ${
      back && !ctx.settings.hideGoBackButton
        ? html`<a class="button secondary" data-testid="modal-back" href="${back}"
            >${ctx.settings.goBackButtonText ?? t('common.back')}</a
          >`
        : null
    }
  </div>`;
  const body = modal
    ? html`<dialog open aria-labelledby="modal-title" data-testid="success-modal">
        <h2 id="modal-title">${t('outcome.modal_title')}</h2>
        <p>${t('outcome.success_title', { platform: name })}</p>
        <p>${t('outcome.modal_body')}</p>
        ${buttons}
      </dialog>`
    : html`<p>${t('outcome.success_body')}</p>
        ${buttons}`;
  return layout(
    frame(ctx, t('outcome.success_title', { platform: name }), null),
    html`<h1 data-outcome="success">${t('outcome.success_title', { platform: name })}</h1>
      ${body}`,
  );
}

const TEXTS: Record<
  Exclude<PageOutcome['kind'], 'success' | 'select'>,
  { title: string; body: string }
> = {
  denied: { title: 'outcome.denied_title', body: 'outcome.denied_body' },
  'invalid-state': { title: 'outcome.invalid_state_title', body: 'outcome.invalid_state_body' },
  'limit-reached': { title: 'outcome.limit_reached_title', body: 'outcome.limit_reached_body' },
  permissions: { title: 'outcome.permissions_title', body: 'outcome.permissions_body' },
  'no-channels': { title: 'outcome.no_channels_title', body: 'outcome.no_channels_body' },
  error: { title: 'outcome.error_title', body: 'outcome.error_body' },
};

/** Each failed outcome: what happened and what to do next (try again, or back to the app). */
export function failurePage(
  ctx: PortalContext,
  type: PlatformType,
  outcome: Exclude<PageOutcome, { kind: 'success' } | { kind: 'select' }>,
): string {
  const { t } = ctx;
  const name = platformName(type);
  const texts = TEXTS[outcome.kind];
  const back = ctx.settings.redirectUrl
    ? withParams(ctx.settings.redirectUrl, productParams(type, outcome))
    : null;
  const detail =
    outcome.kind === 'permissions' && outcome.missing.length > 0
      ? html`<p>${t('outcome.permissions_missing', { missing: outcome.missing.join(', ') })}</p>`
      : outcome.kind === 'no-channels'
        ? html`<p>${t(requirementKey(type), { platform: name })}</p>`
        : outcome.kind === 'error'
          ? html`<p class="muted">${t('common.error_code', { code: outcome.code })}</p>`
          : null;
  const retry =
    outcome.kind === 'limit-reached' ? null : connectForm(ctx, type, t('common.try_again'), false);
  return layout(
    frame(ctx, t(texts.title, { platform: name }), back),
    html`<h1 data-outcome="${outcome.kind}">${t(texts.title, { platform: name })}</h1>
      <p>${t(texts.body, { platform: name })}</p>
      ${detail}
      <div class="actions">
        ${retry}
        <a class="button secondary" href="${portalHref(ctx)}">${t('common.back_to_platforms')}</a>
      </div>`,
  );
}

/** The channel-selection step, rendered by the portal itself. */
export function selectionPage(
  ctx: PortalContext,
  type: PlatformType,
  attemptId: string,
  selection: { multiple: boolean; candidates: ChannelCandidateView[] },
  problem: string | null,
): string {
  const { t } = ctx;
  const name = platformName(type);
  const input = selection.multiple ? 'checkbox' : 'radio';
  const firstEligible = selection.candidates.find((c) => c.eligible);
  const items = selection.candidates.map((c, i) => {
    const id = `ch-${i}`;
    const avatar = safeImageUrl(c.avatarUrl, ctx.devMode);
    return html`<li>
      <label for="${id}">
        <input
          type="${input}"
          id="${id}"
          name="channelId"
          value="${c.id}"
          ${c.eligible ? null : html`disabled`}
          ${c === firstEligible && !selection.multiple ? html`checked` : null}
        />
        ${avatar ? html`<img src="${avatar}" alt="" width="32" height="32" />` : null}
        <span>
          <strong>${c.name}</strong>
          ${c.eligible ? null : html` — ${t('select.not_eligible')}`}
          ${c.detail ? html`<br /><span class="muted">${c.detail}</span>` : null}
        </span>
      </label>
    </li>`;
  });
  return layout(
    frame(ctx, t('select.title'), null),
    html`<h1>${t('select.title')}</h1>
      <p>${t('select.intro', { platform: name })}</p>
      ${problem ? html`<p class="notice error" role="alert">${problem}</p>` : null}
      <form method="post" action="/portal/return/${attemptId}/select">
        ${hidden(ctx)}
        <fieldset class="plain">
          <legend class="muted">${name}</legend>
          <ul class="choices">
            ${items}
          </ul>
        </fieldset>
        <button type="submit" data-testid="select-submit">${t('select.submit')}</button>
      </form>`,
  );
}
