/** The stored snapshot HTML: DOMPurify on the process's shared jsdom window, with links made absolute. */

import createDOMPurify, { type DOMPurify } from 'dompurify';
import { sharedWindow } from './parse.ts';

const FORBID_TAGS = ['script', 'style', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'link', 'meta', 'base', 'noscript', 'template', 'svg', 'math'];
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'formaction', 'background', 'longdesc'];

let purifier: DOMPurify | null = null;

/** One DOMPurify for the process: building one (and its hook) per page costs more than sanitizing. */
function purify(): DOMPurify {
  if (purifier) return purifier;
  purifier = createDOMPurify(sharedWindow() as unknown as Parameters<typeof createDOMPurify>[0]);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (typeof element.getAttribute !== 'function') return;
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      // Each document parsed by parse.ts carries its page's URL, so its base URI is the page's own.
      const resolved = resolveUrl(value, element.ownerDocument.baseURI);
      if (resolved === null) element.removeAttribute(name);
      else element.setAttribute(name, resolved);
    }
    if (element.hasAttribute('srcset')) element.removeAttribute('srcset');
    if (element.tagName === 'A' && element.getAttribute('target') === '_blank') element.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

/** Sanitize `root` (an element of a document parsed by parse.ts) in place and return its inner HTML, links made absolute. */
export function sanitizeElement(root: Element): string {
  purify().sanitize(root, {
    IN_PLACE: true,
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
  return root.innerHTML.trim();
}

/** An absolute http(s)/mailto URL, or null for anything that could run code. */
function resolveUrl(value: string, base: string): string | null {
  const trimmed = value.trim();
  if (trimmed.startsWith('#')) return trimmed;
  try {
    const url = new URL(trimmed, base);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
