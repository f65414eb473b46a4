/**
 * HTML to a DOM Document, through one jsdom window kept for the life of the process (or worker).
 *
 * `new JSDOM()` per page builds a whole window (hundreds of interface objects, a stylesheet, a session
 * history) and frees it only when the event loop turns. A page's document needs none of that: it is
 * parsed here exactly as `DOMParser.parseFromString(html, 'text/html')` does on the shared window (same
 * parser, same options, scripting disabled as in a default JSDOM), except that the document gets the
 * page's own URL, so `baseURI`, `documentURI` and relative links resolve as they would in a fresh JSDOM.
 * Nothing holds the document once the caller drops it. Readability's output is identical to a fresh
 * JSDOM's: `test/unit/extract/parse.test.ts` compares both on every fixture page.
 *
 * One difference, on purpose: the document has no named properties. In a browser `<img name="body">` or
 * `<form name="title">` replaces `document.body` or `document.title` ("DOM clobbering"), and jsdom answers
 * every string property read on a document by first consulting a map of such elements, rebuilt by a walk
 * of the whole document after any insertion or removal of an img, form, iframe, embed or object. Readability
 * reads the document between its moves of such elements, so those walks were about 5% of extraction's
 * CPU; and an archived page must not be able to change what the extractor reads.
 */

import { JSDOM, VirtualConsole } from 'jsdom';
import DocumentImpl from 'jsdom/lib/generated/idl/Document.js';
import idl from 'jsdom/lib/generated/idl/utils.js';
import parser from 'jsdom/lib/jsdom/browser/parser/index.js';

let shared: JSDOM | null = null;

/** The process's one jsdom window: DOMPurify and DOM interfaces (NodeFilter, URL...) come from it. */
export function sharedWindow(): Window {
  shared ??= new JSDOM('<!doctype html>', { url: 'about:blank', virtualConsole: new VirtualConsole() });
  return shared.window as unknown as Window;
}

/** Parse `html` as a text/html document whose URL is `url` (an absolute URL). */
export function parseHtml(html: string, url: string): Document {
  const global = (sharedWindow() as unknown as { _globalObject: unknown })._globalObject;
  const impl = DocumentImpl.createImpl(global, [], {
    options: { parsingMode: 'html', contentType: 'text/html', encoding: 'UTF-8', scriptingDisabled: true, url },
  });
  Object.defineProperties(impl, {
    [idl.supportsPropertyName]: { value: () => false },
    [idl.supportedPropertyNames]: { value: [] },
  });
  parser.parseIntoDocument(html, impl);
  return idl.wrapperForImpl(impl) as Document;
}
