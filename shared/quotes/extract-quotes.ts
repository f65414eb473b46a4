/** Quotation extraction and speaker attribution (placeholder until the quotes issue lands). */

import type { Quote } from './types.ts';

export function extractQuotes(_text: string): Quote[] {
  return [];
}
