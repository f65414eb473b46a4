/** Tokens and sentences of the reporter's text, with each quoted span standing as one token. */

import { ABBREVIATIONS, CUE_VERBS } from './lexicon.ts';
import type { Line, QuotedSpan } from './quote-marks.ts';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Index into the quoted spans when this token stands for a quotation, else -1. */
  quote: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

export interface Sentence {
  line: number;
  /** Token index range [first, last) in the line's tokens. */
  first: number;
  last: number;
}

const WORD = /[\p{L}\p{N}]+(?:[’'\-.&@][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;
const UPPER = /^\p{Lu}/u;
const SENTENCE_END = /^[.!?]$/;

function pushWords(text: string, from: number, to: number, out: Token[]): void {
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    const start = m.index;
    let word = start + m[0].length > to ? m[0].slice(0, to - start) : m[0];
    // A trailing period belongs to the word only for abbreviations and initials ("Sen.", "U.S.", "J.").
    if (word.length > 1 && word.endsWith('.')) {
      const lower = word.toLowerCase();
      const keep = ABBREVIATIONS.has(lower) || /^\p{Lu}\.$/u.test(word) || /^(?:\p{L}\.)+$/u.test(word);
      if (!keep) word = word.slice(0, -1);
    }
    out.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length, quote: -1, cap: UPPER.test(word) });
    WORD.lastIndex = start + word.length;
  }
}

/** Tokenises one line, replacing each quoted span (marks included) by a single token. */
export function tokenizeLine(text: string, line: Line, spans: readonly QuotedSpan[], spanIndexes: readonly number[]): Token[] {
  const tokens: Token[] = [];
  let at = line.start;
  for (const index of spanIndexes) {
    const span = spans[index];
    if (!span) continue;
    pushWords(text, at, span.outerStart, tokens);
    const inner = text.slice(span.start, span.end);
    tokens.push({ text: inner, lower: inner.toLowerCase(), start: span.outerStart, end: span.outerEnd, quote: index, cap: UPPER.test(inner) });
    at = Math.max(at, span.outerEnd);
  }
  pushWords(text, at, line.end, tokens);
  return tokens;
}

/** Splits a line's tokens into sentences; a quotation ending in a full stop and followed by a capital ends one. */
export function splitSentences(lineIndex: number, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (!token || !next) continue;
    let boundary = false;
    if (token.quote < 0 && SENTENCE_END.test(token.text)) {
      boundary = next.cap || next.quote >= 0;
    } else if (token.quote >= 0) {
      const inner = token.text.trimEnd();
      // "“… missing.” Trump said.": a name and a verb of saying closing the clause still attribute the quotation.
      if (/\.["'’”)]*$/.test(inner)) boundary = next.quote >= 0 || (next.cap && !isClosingAttribution(tokens, i + 1));
      else if (/[!?]["'’”)]*$/.test(inner)) boundary = next.quote >= 0 || (next.cap && !isAttributionAfter(tokens, i + 1));
    }
    if (boundary) {
      sentences.push({ line: lineIndex, first, last: i + 1 });
      first = i + 1;
    }
  }
  if (first < tokens.length) sentences.push({ line: lineIndex, first, last: tokens.length });
  return sentences;
}

/** Capitalised words, then a verb of saying and the end of the clause: "Trump said." */
function isClosingAttribution(tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < Math.min(tokens.length, from + 5); j++) {
    const t = tokens[j];
    if (!t || t.quote >= 0) return false;
    if (t.cap) continue;
    return j > from && CUE_VERBS.has(t.lower) && /^[.]?$/.test(tokens[j + 1]?.text ?? '');
  }
  return false;
}

/** `“…!” Trump said`: a name (or pronoun) and then a cue word right after a quotation keeps the sentence going. */
function isAttributionAfter(tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < Math.min(tokens.length, from + 5); j++) {
    const t = tokens[j];
    if (!t || t.quote >= 0) return false;
    if (/^(?:said|says|added|told|asked|wrote|tweeted|explained|replied|continued|noted|insisted|argued|declared|recalled)$/.test(t.lower)) return true;
    // "“…?” Vitter demanded.": any other verb of saying that closes the clause.
    if (j > from && !t.cap && CUE_VERBS.has(t.lower) && /^[.,]$/.test(tokens[j + 1]?.text ?? '')) return true;
    if (!t.cap && j > from) return false;
  }
  return false;
}
