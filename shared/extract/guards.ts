/**
 * A cheap pass over the markup before jsdom sees it. jsdom and Readability are superlinear on deep
 * nesting (2,000 nested <div>s take minutes) and their memory grows with the element count, so pages
 * beyond these limits are refused up front instead of taking a worker hostage.
 */

import { ExtractionError } from '../errors.ts';

export interface GuardLimits {
  /** Most elements a page may have. */
  maxElements: number;
  /** Deepest nesting of container elements that always need an end tag. */
  maxDepth: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxElements: 60_000, maxDepth: 800 };

export interface MarkupStats {
  elements: number;
  depth: number;
}

/**
 * Elements whose end tag is required, so an open-minus-close count over them tracks real nesting.
 * Elements with optional end tags (p, li, td...) and void elements would inflate the estimate.
 */
const CONTAINERS = new Set([
  'div', 'section', 'article', 'main', 'aside', 'nav', 'header', 'footer', 'span', 'blockquote',
  'table', 'ul', 'ol', 'dl', 'form', 'figure', 'center', 'fieldset', 'details', 'a', 'b', 'i', 'em', 'strong',
]);

const TAG = /<!--|<(script|style)\b|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g;

/** Count elements and estimate nesting depth without building a DOM. */
export function scanMarkup(html: string): MarkupStats {
  let elements = 0;
  let depth = 0;
  let maxDepth = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    if (match[0] === '<!--') {
      const end = html.indexOf('-->', TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const raw = match[1];
    if (raw) {
      // Skip script and style bodies: their "<" are not tags.
      elements += 1;
      const end = indexOfCaseless(html, `</${raw.toLowerCase()}`, TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end + raw.length + 2;
      continue;
    }
    const name = (match[3] ?? '').toLowerCase();
    if (match[2]) {
      if (CONTAINERS.has(name) && depth > 0) depth -= 1;
      continue;
    }
    elements += 1;
    if (CONTAINERS.has(name)) {
      depth += 1;
      if (depth > maxDepth) maxDepth = depth;
    }
  }
  return { elements, depth: maxDepth };
}

function indexOfCaseless(haystack: string, needle: string, from: number): number {
  const lower = haystack.indexOf(needle, from);
  if (lower >= 0) return lower;
  return haystack.indexOf(needle.toUpperCase(), from);
}

/** Throw `extraction-too-large` when the markup is beyond what extraction handles in bounded time. */
export function assertWithinLimits(html: string, url: string, limits: GuardLimits = DEFAULT_GUARD_LIMITS): MarkupStats {
  const stats = scanMarkup(html);
  if (stats.elements > limits.maxElements) {
    throw new ExtractionError(
      'extraction-too-large',
      `${url} has ${stats.elements} elements, over the limit of ${limits.maxElements}`,
    );
  }
  if (stats.depth > limits.maxDepth) {
    throw new ExtractionError(
      'extraction-too-large',
      `${url} nests elements ${stats.depth} deep, over the limit of ${limits.maxDepth}`,
    );
  }
  return stats;
}
