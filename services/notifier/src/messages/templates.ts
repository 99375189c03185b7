import Handlebars from 'handlebars';

/** What both templates show; every value is plain text (the HTML template escapes it). */
export interface EmailView {
  lang: string;
  greeting: string;
  title: string;
  account: { name: string; platform: string; avatarUrl: string | null } | null;
  paragraphs: string[];
  action: { url: string; label: string; note: string } | null;
  footer: string;
}

const HTML = `<!doctype html>
<html lang="{{lang}}" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2328;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px;">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;"><tr><td style="padding:24px;">
<p style="margin:0 0 16px;">{{greeting}}</p>
<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px;">{{title}}</h1>
{{#if account}}<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;"><tr>
{{#if account.avatarUrl}}<td style="padding-right:12px;"><img src="{{account.avatarUrl}}" width="48" height="48" alt="" style="border-radius:50%;display:block;"></td>{{/if}}
<td><strong>{{account.name}}</strong><br><span style="color:#57606a;">{{account.platform}}</span></td>
</tr></table>{{/if}}
{{#each paragraphs}}<p style="margin:0 0 12px;line-height:1.5;">{{this}}</p>
{{/each}}
{{#if action}}<p style="margin:24px 0 8px;"><a href="{{action.url}}" style="background:#0969da;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block;">{{action.label}}</a></p>
<p style="margin:0 0 12px;font-size:13px;color:#57606a;">{{action.note}}</p>{{/if}}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0 12px;">
<p style="margin:0;font-size:12px;color:#57606a;">{{footer}}</p>
</td></tr></table>
</td></tr></table>
</body>
</html>
`;

const TEXT = `{{greeting}}

{{title}}
{{#if account}}
{{account.platform}}: {{account.name}}
{{/if}}

{{#each paragraphs}}{{this}}

{{/each}}
{{#if action}}{{action.label}}: {{action.url}}
{{action.note}}

{{/if}}
--
{{footer}}
`;

const hbs = Handlebars.create();
const html = hbs.compile<EmailView>(HTML, { strict: false });
const text = hbs.compile<EmailView>(TEXT, { noEscape: true, strict: false });

export function renderHtml(view: EmailView): string {
  return html(view);
}

export function renderText(view: EmailView): string {
  return text(view).replace(/\n{3,}/g, '\n\n');
}
