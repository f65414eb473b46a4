/**
 * Extraction: raw bytes in, clean article and metadata out. Mozilla Readability on jsdom is the core.
 * This is the walking-skeleton version; the extraction-fidelity issue deepens it.
 */

import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { ExtractionError } from '../errors.ts';
import type { ExtractInput, ExtractedDocument } from './types.ts';

const quietConsole = new VirtualConsole();

/** Extract the article from one page. Throws ExtractionError when no document can be produced. */
export function extractDocument(input: ExtractInput): ExtractedDocument {
  let dom: JSDOM;
  try {
    // jsdom sniffs the charset itself from the BOM, the HTTP content type and <meta>.
    dom = new JSDOM(Buffer.from(input.bytes), {
      url: input.url,
      contentType: htmlContentType(input.contentType),
      virtualConsole: quietConsole,
    });
  } catch (error) {
    throw new ExtractionError('extraction-failed', `could not parse ${input.url}`, { cause: error });
  }
  try {
    const document = dom.window.document;
    const lang = document.documentElement.getAttribute('lang') || null;
    const article = new Readability(document, { maxElemsToParse: 100_000 }).parse();
    const text = (article?.textContent ?? document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      url: input.url,
      kind: article ? 'article' : 'page',
      title: article?.title || document.title || null,
      authors: article?.byline ? [article.byline] : [],
      publishedAt: article?.publishedTime ?? null,
      modifiedAt: null,
      siteName: article?.siteName ?? null,
      lang: article?.lang || lang,
      canonicalUrl: null,
      description: article?.excerpt ?? null,
      section: null,
      keywords: [],
      image: null,
      excerpt: article?.excerpt ?? null,
      wordCount: text ? text.split(' ').length : 0,
      text,
      html: article?.content ?? '',
      charset: { name: document.characterSet.toLowerCase(), source: 'default' },
      flags: { paywall: false, challenge: false, cookieWall: false, truncated: false, notArticle: !article },
      sources: {},
    };
  } finally {
    dom.window.close();
  }
}

function htmlContentType(contentType: string | undefined): string {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) return contentType;
  return 'text/html';
}
