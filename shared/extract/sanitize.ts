/** The stored snapshot HTML: DOMPurify on the page's own jsdom window, with links made absolute. */

import createDOMPurify from 'dompurify';

const FORBID_TAGS = ['script', 'style', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'link', 'meta', 'base', 'noscript', 'template', 'svg', 'math'];
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'formaction', 'background', 'longdesc'];

/** Sanitize `root` in place and return its inner HTML. `baseUrl` resolves relative links. */
export function sanitizeElement(window: Window, root: Element, baseUrl: string): string {
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (typeof element.getAttribute !== 'function') return;
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      const resolved = resolveUrl(value, baseUrl);
      if (resolved === null) element.removeAttribute(name);
      else element.setAttribute(name, resolved);
    }
    if (element.hasAttribute('srcset')) element.removeAttribute('srcset');
    if (element.tagName === 'A' && element.getAttribute('target') === '_blank') element.setAttribute('rel', 'noopener noreferrer');
  });
  purify.sanitize(root, {
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
