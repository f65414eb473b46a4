/** The page shell of the web UI: one small stylesheet, a strict Content-Security-Policy, no inline script. */

import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from './html.ts';

const CSS = `
:root{--fg:#1b1b1b;--muted:#5a5a5a;--bg:#fff;--line:#d0d0d0;--accent:#0b57d0;--ok:#1e6b2f;--bad:#a50e0e;--warn:#8a5300;--ins:#d7f5dd;--del:#fbdcdc;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
header.site{border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
header.site a.brand{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.2rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
h1{font-size:1.5rem;line-height:1.25;overflow-wrap:anywhere}h2{font-size:1.15rem;margin-top:1.5rem}
form.submit{display:grid;gap:.5rem;grid-template-columns:1fr;max-width:40rem}
label{font-weight:600}input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #8a8a8a;border-radius:4px;max-width:100%}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
.hint{color:var(--muted);font-size:.9rem}
.banner{border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:4px;padding:.75rem 1rem;background:#f7f9fc}
.banner.failed{border-left-color:var(--bad)}.banner.pending{border-left-color:var(--warn)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
code,.digest{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
.status{display:inline-block;padding:0 .45rem;border-radius:3px;font-weight:700;font-size:.85rem;color:#fff;background:var(--muted)}
.status-done{background:var(--ok)}.status-failed{background:var(--bad)}.status-queued,.status-fetching{background:var(--warn)}
nav.actions{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0}
iframe.snapshot{width:100%;height:70vh;max-height:45rem;min-height:18rem;border:1px solid var(--line);border-radius:4px;resize:vertical}
ul.plain{list-style:none;padding:0}ul.plain>li{border-bottom:1px solid var(--line);padding:.5rem 0}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid var(--line)}
.speaker{font-weight:600}
pre.citation{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem;border-radius:4px}
.diff{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:4px;padding:.75rem;font-size:1.05rem}
ins{background:var(--ins);text-decoration:underline;text-decoration-color:var(--ok)}del{background:var(--del);text-decoration:line-through;text-decoration-color:var(--bad)}ins,del{padding:0 .1em;border-radius:2px}
.error{color:var(--bad);font-weight:600}
[hidden]{display:none!important}
@media (max-width:36rem){main{padding:.6rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}iframe.snapshot{height:60vh}}
`;

const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/**
 * UI pages run only our own script and the one stylesheet above; forms and fetches stay on this origin.
 * Frames: this origin, or the separate archive origin that serves snapshots when one is configured.
 */
export function uiCsp(frameOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${CSS_HASH}'`,
    "img-src 'self' data:",
    `frame-src 'self'${frameOrigin ? ` ${new URL(frameOrigin).origin}` : ''}`,
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Extra elements for <head> (e.g. a <noscript> refresh while a capture is pending). */
  head?: SafeHtml;
  /** The origin of a framed snapshot, when it is not this one. */
  frameOrigin?: string;
}

export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Verbatim</title>
<style>${raw(CSS)}</style>
<script src="/assets/app.js" defer></script>
${options.head}
</head>
<body>
<header class="site"><a class="brand" href="/">Verbatim</a><span class="hint">an archive for news articles</span><a href="/openapi.json">API</a></header>
<main id="main">
${options.body}
</main>
</body>
</html>
`.value;
}

export function pageResponse(options: PageOptions, status = 200): Response {
  return new Response(page(options), {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': uiCsp(options.frameOrigin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    },
  });
}
