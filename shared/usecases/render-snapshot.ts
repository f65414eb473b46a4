/** The stored clean snapshot: a small standalone HTML document around the extracted article. */

import type { ExtractedDocument } from '../extract/types.ts';

export function renderSnapshot(document: ExtractedDocument): string {
  const lang = document.lang ? ` lang="${escapeHtml(document.lang)}"` : '';
  const byline = document.authors.length ? `<p class="byline">${escapeHtml(document.authors.join(', '))}</p>\n` : '';
  const date = document.publishedAt
    ? `<p class="dateline"><time datetime="${escapeHtml(document.publishedAt)}">${escapeHtml(document.publishedAt)}</time></p>\n`
    : '';
  return `<!doctype html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title ?? document.url)}</title>
<link rel="canonical" href="${escapeHtml(document.canonicalUrl ?? document.url)}">
</head>
<body>
<article>
<h1>${escapeHtml(document.title ?? '')}</h1>
${byline}${date}${document.html}
</article>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
