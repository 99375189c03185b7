const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Headers for every HTML page: nothing but inline styles may run, nothing may frame it. */
export const HTML_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** `title` is escaped here; `bodyHtml` must already be safe markup. */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
.note { color: #59636e; font-size: 0.9rem; }
code { background: #f6f8fa; padding: 0 0.2rem; }
label, input, button { font-size: 1rem; }
input[type=text] { width: 100%; padding: 0.4rem; margin: 0.3rem 0 1rem; box-sizing: border-box; }
button { padding: 0.4rem 1rem; margin-right: 0.5rem; }
</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
}
