/**
 * The hosted pages' only stylesheet and script, served from this origin (the CSP allows nothing
 * inline). Colours keep at least 4.5:1 contrast; focus is always visible; one column on phones.
 */
export const PAGES_CSS = `
:root{--fg:#1f2328;--muted:#57606a;--bg:#f6f8fa;--card:#fff;--line:#d0d7de;--accent:#0b57d0;--accent-fg:#fff;
--ok:#116329;--ok-bg:#dafbe1;--warn:#7d4e00;--warn-bg:#fff8c5;--bad:#a40e26;--bad-bg:#ffebe9;--off:#57606a;--off-bg:#eaeef2}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Devanagari","Noto Sans SC",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
.bar{display:flex;align-items:center;gap:12px;justify-content:space-between;padding:12px 16px;background:var(--card);border-bottom:1px solid var(--line)}
.bar img{max-height:40px;max-width:160px}
.who{display:flex;align-items:center;gap:8px;font-weight:600}
.who img{width:32px;height:32px;border-radius:50%;object-fit:cover}
main{max-width:760px;margin:0 auto;padding:24px 16px}
main:focus{outline:none}
.plain{border:0;padding:0;margin:0}
h1{font-size:1.6rem;margin:0 0 8px}
h2{font-size:1.15rem;margin:0 0 6px}
p{margin:0 0 12px}
.muted{color:var(--muted)}
.grid{list-style:none;padding:0;margin:16px 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;display:flex;flex-direction:column;gap:8px}
.card form{margin-top:auto}
.req{font-size:.95rem;color:var(--muted)}
.button,button{display:inline-block;font:inherit;font-weight:600;padding:10px 16px;min-height:44px;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);cursor:pointer;text-decoration:none;text-align:center}
.button.secondary,button.secondary{background:var(--card);color:var(--accent)}
button.danger{background:var(--bad);border-color:var(--bad);color:#fff}
button:disabled{opacity:.6;cursor:not-allowed}
a{color:var(--accent)}
:focus-visible{outline:3px solid #ffb000;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}
.actions form{margin:0}
.notice{background:var(--card);border-left:4px solid var(--accent);padding:12px 16px;border-radius:6px;margin:12px 0}
.notice.error{border-color:var(--bad)}
.badge{display:inline-block;font-size:.85rem;font-weight:700;padding:2px 10px;border-radius:999px}
.badge.ACTIVE{color:var(--ok);background:var(--ok-bg)}
.badge.EXPIRING{color:var(--warn);background:var(--warn-bg)}
.badge.EXPIRED,.badge.ERROR{color:var(--bad);background:var(--bad-bg)}
.badge.DISCONNECTED{color:var(--off);background:var(--off-bg)}
.account{display:flex;gap:12px;align-items:flex-start}
.account img{width:40px;height:40px;border-radius:50%;object-fit:cover}
.account .body{flex:1;min-width:0}
.account .name{font-weight:700;overflow-wrap:anywhere}
.choices{list-style:none;padding:0;margin:16px 0}
.choices li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;margin:8px 0}
.choices label{display:flex;gap:10px;align-items:center;cursor:pointer}
.choices input{width:20px;height:20px}
dialog{border:1px solid var(--line);border-radius:10px;padding:24px;max-width:min(480px,calc(100vw - 32px))}
dialog::backdrop{background:rgba(31,35,40,.5)}
footer{max-width:760px;margin:0 auto;padding:16px;display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;color:var(--muted);font-size:.9rem}
footer form{display:flex;gap:8px;align-items:center}
select{font:inherit;padding:8px;min-height:44px;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--fg)}
@media (max-width:520px){h1{font-size:1.35rem}.actions{flex-direction:column}.actions .button,.actions button{width:100%}}
`;

/**
 * Progressive enhancement only: an open success dialog becomes modal (focus kept inside, Esc
 * closes it); the accounts page follows its live stream and swaps in the server-rendered lists.
 */
export const PAGES_JS = `
(function () {
  var dialog = document.querySelector('dialog[open]');
  if (dialog && dialog.showModal) {
    dialog.close();
    dialog.showModal();
    var first = dialog.querySelector('a,button');
    if (first) first.focus();
  }
  var live = document.body.getAttribute('data-stream');
  if (!live || !window.EventSource) return;
  var source = new EventSource(live);
  function swap(id) {
    return function (event) {
      var target = document.getElementById(id);
      if (target) target.innerHTML = JSON.parse(event.data);
    };
  }
  source.addEventListener('accounts', swap('accounts'));
  source.addEventListener('notices', swap('notices'));
  source.addEventListener('gone', function () { source.close(); });
})();
`;
