/** Word-level differences between two captures' clean texts: where stealth edits and corrections show. */

import { diffWordsWithSpace } from 'diff';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffChange {
  op: DiffOp;
  text: string;
}

export interface WordDiff {
  identical: boolean;
  /** Words (runs of non-space characters) inserted and deleted. */
  stats: { inserted: number; deleted: number; unchanged: number };
  changes: DiffChange[];
}

/**
 * Diff two texts word by word, whitespace included so paragraph breaks survive. Adjacent changes of the
 * same kind are merged; concatenating the `equal`+`delete` texts gives `before`, `equal`+`insert` gives `after`.
 * @example wordDiff('a b', 'a c').changes // [{op:'equal',text:'a '},{op:'delete',text:'b'},{op:'insert',text:'c'}]
 */
export function wordDiff(before: string, after: string): WordDiff {
  const changes: DiffChange[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const op: DiffOp = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const last = changes[changes.length - 1];
    if (last && last.op === op) last.text += part.value;
    else if (part.value) changes.push({ op, text: part.value });
  }
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const stats = { inserted: 0, deleted: 0, unchanged: 0 };
  for (const change of changes) {
    if (change.op === 'insert') stats.inserted += words(change.text);
    else if (change.op === 'delete') stats.deleted += words(change.text);
    else stats.unchanged += words(change.text);
  }
  return { identical: before === after, stats, changes };
}
