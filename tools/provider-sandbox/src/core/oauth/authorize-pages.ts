import { escapeHtml, htmlPage } from '../html';

export interface ConsentView {
  readonly platformName: string;
  readonly formAction: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly userName: string;
  /** The validated authorization request, posted back unchanged. */
  readonly hiddenFields: Readonly<Record<string, string>>;
  readonly notice: string | null;
}

export function renderConsentPage(view: ConsentView): string {
  const hidden = Object.entries(view.hiddenFields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  const scopes =
    view.scopes.length === 0
      ? '<p>No scopes requested.</p>'
      : `<ul>${view.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('')}</ul>`;
  const notice = view.notice === null ? '' : `<p><strong>${escapeHtml(view.notice)}</strong></p>`;
  return htmlPage(
    `${view.platformName} (sandbox): authorize ${view.clientId}`,
    `<h1>${escapeHtml(view.platformName)} <small>sandbox</small></h1>
${notice}
<p><code>${escapeHtml(view.clientId)}</code> asks for access to your account:</p>
${scopes}
<form method="post" action="${escapeHtml(view.formAction)}">
${hidden}
<label for="sandbox_user">Sign in as</label>
<input type="text" id="sandbox_user" name="sandbox_user" value="${escapeHtml(view.userName)}" required>
<button type="submit" name="sandbox_action" value="approve">Approve</button>
<button type="submit" name="sandbox_action" value="deny" formnovalidate>Cancel</button>
</form>
<p class="note">Any name works and is created on first use. <code>empty-…</code> owns no pages or
channels; <code>personal-…</code> has only a personal Instagram account.</p>`,
  );
}

export function renderAuthorizeErrorPage(platformName: string, message: string): string {
  return htmlPage(
    `${platformName} (sandbox): error`,
    `<h1>${escapeHtml(platformName)} <small>sandbox</small></h1>
<p>This authorization request cannot be processed:</p>
<p><strong>${escapeHtml(message)}</strong></p>
<p class="note">The client or its redirect_uri is not valid, so there is nowhere safe to send you back to.</p>`,
  );
}
