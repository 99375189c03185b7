import { html, safeImageUrl, type SafeHtml } from './html';
import { LANGUAGE_NAMES, type T } from './i18n/translator';
import { PAGE_LANGUAGES } from './i18n/locales';
import type { BrandingSettings } from './page-link.dto';

export const ASSET_PATH = '/portal/assets';

export interface PageFrame {
  lang: string;
  t: T;
  title: string;
  branding: BrandingSettings | null;
  devMode: boolean;
  /** Where the switcher sends the chosen language (GET), with the hidden fields it needs. */
  switcher?: { action: string; hidden: Record<string, string> };
  /** Where the back button leads (the product's redirectUrl, maybe with an outcome). */
  backUrl?: string | null;
  /** The accounts page's live stream URL. */
  stream?: string;
}

/** The shell of every hosted page: `<html lang>`, branding header, back button, footer. */
export function layout(frame: PageFrame, content: SafeHtml): string {
  const { t, branding: b } = frame;
  const logo = safeImageUrl(b?.logoUrl, false);
  const userLogo = b && !b.hideUserLogo ? safeImageUrl(b.userLogoUrl, false) : null;
  const userName = b && !b.hideUserName ? b.userName : null;
  const header =
    logo || userLogo || userName
      ? html`<header class="bar">
          ${logo ? html`<img src="${logo}" alt="${t('common.logo_alt')}" />` : html`<span></span>`}
          ${
            userLogo || userName
              ? html`<div class="who">
                  ${userLogo ? html`<img src="${userLogo}" alt="${t('common.user_logo_alt')}" />` : null}
                  ${userName ? html`<span data-testid="user-name">${userName}</span>` : null}
                </div>`
              : null
          }
        </header>`
      : null;
  const back =
    frame.backUrl && !b?.hideGoBackButton
      ? html`<p>
          <a class="button secondary" data-testid="back" href="${frame.backUrl}"
            >${b?.goBackButtonText ?? t('common.back')}</a
          >
        </p>`
      : null;
  const switcher =
    frame.switcher && !b?.hideLanguageSwitcher
      ? html`<form method="get" action="${frame.switcher.action}">
          ${Object.entries(frame.switcher.hidden).map(
            ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
          )}
          <label for="lang">${t('common.language')}</label>
          <select id="lang" name="lang">
            ${PAGE_LANGUAGES.map(
              (l) =>
                html`<option value="${l}" lang="${l}" ${l === frame.lang ? html`selected` : null}>
                  ${LANGUAGE_NAMES[l]}
                </option>`,
            )}
          </select>
          <button type="submit" class="secondary">${t('common.change_language')}</button>
        </form>`
      : null;
  const powered = b?.hidePoweredBy ? null : html`<span>${t('common.powered_by')}</span>`;
  return html`<!doctype html>
    <html lang="${frame.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${frame.title}</title>
        <link rel="stylesheet" href="${ASSET_PATH}/pages.css" />
      </head>
      <body ${frame.stream ? html`data-stream="${frame.stream}"` : null}>
        ${header}
        <main id="main" tabindex="-1">${back}${content}</main>
        ${switcher || powered ? html`<footer>${switcher}${powered}</footer>` : null}
        <script src="${ASSET_PATH}/pages.js"></script>
      </body>
    </html>`.value;
}

/** A page that only says what went wrong and what to do (expired or tampered links…). */
export function messagePage(
  frame: Omit<PageFrame, 'title'>,
  title: string,
  body: string,
  extra?: SafeHtml,
): string {
  return layout(
    { ...frame, title },
    html`<h1>${title}</h1>
      <p>${body}</p>
      ${extra}`,
  );
}
