/** Quotation-mark pairing: finds the spans inside quotation marks, robust to mixed and unbalanced marks. */

/** A stretch of text inside one pair of top-level quotation marks, within one line. */
export interface QuotedSpan {
  /** Offsets of the opening mark's first character and the closing mark's end (marks included). */
  outerStart: number;
  outerEnd: number;
  /** Offsets of the text inside the marks. */
  start: number;
  end: number;
  /** Index of the line (paragraph) the span lies in, counting non-empty lines. */
  line: number;
  /** False when the line ended before a closing mark was found. */
  closed: boolean;
  /** Index of the span this one continues (a quote running over several paragraphs), or -1. */
  continues: number;
}

export interface Line {
  start: number;
  end: number;
}

/** Non-empty lines of the text, trimmed of surrounding whitespace. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\n\r]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) lines.push({ start, end });
  }
  return lines;
}

type Mark = '“' | '„' | '«' | '»' | '"' | "''" | '``' | '‘' | "'" | '‚';

const DOUBLE_CLOSERS: Record<string, readonly string[]> = {
  '“': ['”', '"', "''"],
  '„': ['“', '”'],
  '«': ['»'],
  '»': ['«'],
  '"': ['"', '”', "''"],
  "''": ["''", '”', '"'],
  '``': ["''", '"', '”'],
  '‘': ['’'],
  "'": ["'", '’'],
  '‚': ['‘', '’'],
};

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const SINGLE_OPENERS: ReadonlySet<string> = new Set(['‘', "'", '‚']);
const OPEN_CONTEXT = /[\s(\[{\u2014\u2013\-:;,/]/;

const MARK = /[“”„«»"‘’'‚`]/g;

/** The mark at `i` (and its width), or null. */
function markAt(text: string, i: number): string | null {
  const c = text[i];
  if (c === undefined) return null;
  if (c === "'" && text[i + 1] === "'") return "''";
  if (c === '`' && text[i + 1] === '`') return '``';
  if ('“”„«»"‘’\'‚'.includes(c)) return c;
  return null;
}

/**
 * Finds quoted spans line by line. Nested quotes stay inside their outer span; a quote left open at the end
 * of a paragraph and resumed by an opening mark at the start of the next one is linked through `continues`.
 * Single quotes count as top-level marks only when `singlePrimary` (a text with no double marks at all).
 */
export function findQuotedSpans(text: string, lines: readonly Line[]): QuotedSpan[] {
  const singlePrimary = !/[“”„«»"]|''|``/.test(text);
  const spans: QuotedSpan[] = [];
  let pendingOpen = -1; // span index left unclosed at the end of the previous line
  lines.forEach((line, lineIndex) => {
    const stack: { mark: string; at: number }[] = [];
    let openSpan: { outerStart: number; start: number } | null = null;
    const lineStartSpans = spans.length;
    const closeTop = (closeAt: number, width: number): void => {
      if (!openSpan) return;
      spans.push({
        outerStart: openSpan.outerStart,
        outerEnd: closeAt + width,
        start: openSpan.start,
        end: closeAt,
        line: lineIndex,
        closed: true,
        continues: -1,
      });
      openSpan = null;
    };
    const remainingClosers = (from: number, marks: readonly string[]): number => {
      let n = 0;
      for (let j = from; j < line.end; j++) {
        const m = markAt(text, j);
        if (m && marks.includes(m)) n++;
        if (m && m.length === 2) j++;
      }
      return n;
    };
    MARK.lastIndex = line.start;
    for (let found = MARK.exec(text); found && found.index < line.end; found = MARK.exec(text)) {
      const i = found.index;
      const mark = markAt(text, i);
      if (!mark) continue;
      MARK.lastIndex = i + mark.length;
      const width = mark.length;
      const prev = text[i - 1];
      const next = text[i + width];
      const isSingle = mark === '‘' || mark === '’' || mark === "'" || mark === '‚';
      const top = stack[stack.length - 1];
      if (isSingle && (!singlePrimary || (top !== undefined && !SINGLE_OPENERS.has(top.mark)))) {
        // Apostrophes and nested single quotes are content.
        continue;
      }
      const closers = top ? (DOUBLE_CLOSERS[top.mark] ?? []) : [];
      const looksClosing =
        mark === '’' || mark === "'"
          ? !isWordChar(next)
          : mark === '”' || mark === '»' || mark === '«' || mark === '“'
            ? true
            : !isSpace(prev) || isSpace(next) || /[.,;:!?)]/.test(next ?? '');
      const looksOpening =
        mark === '“' || mark === '„' || mark === '«' || mark === '``' || mark === '‚'
          ? true
          : mark === '»'
            ? stack.length === 0 && text.indexOf('«', i) !== -1 && text.indexOf('«', i) < line.end
            : !isSpace(next) && (i === line.start || OPEN_CONTEXT.test(prev ?? ' ') || '“‘"\''.includes(prev ?? ''));
      // An opening curly mark typed where the closing one belongs ("unusual,“ said Larry Noble").
      const misturned = mark === '“' && top?.mark === '“' && stack.length === 1 && !isSpace(prev) && isSpace(next);
      if (top && ((closers.includes(mark) && looksClosing && !(mark === '“' && top.mark === '“')) || misturned)) {
        if (top.mark === '“' && mark === '"' && stack.length === 1 && looksOpening && remainingClosers(i + 1, ['”']) > 0) {
          // A straight pair inside a curly quote, with the curly closer still to come: nested.
          stack.push({ mark, at: i });
        } else {
          stack.pop();
          if (stack.length === 0) closeTop(i, width);
        }
      } else if (looksOpening && mark in DOUBLE_CLOSERS) {
        if (stack.length === 0) {
          stack.push({ mark, at: i });
          openSpan = { outerStart: i, start: i + width };
        } else if (top && top.mark === '“' && mark === '“' && remainingClosers(i + width, ['”', '"']) < stack.length + 1) {
          // Not enough closers left for a nested quote: the open quote was never closed. Recover by
          // ending it before this mark and starting a new one here.
          let end = i;
          while (end > (openSpan?.start ?? i) && isSpace(text[end - 1])) end--;
          if (openSpan) {
            spans.push({ outerStart: openSpan.outerStart, outerEnd: end, start: openSpan.start, end, line: lineIndex, closed: false, continues: -1 });
          }
          stack.length = 0;
          stack.push({ mark, at: i });
          openSpan = { outerStart: i, start: i + width };
        } else {
          stack.push({ mark, at: i });
        }
      }
    }
    if (openSpan !== null) {
      const open: { outerStart: number; start: number } = openSpan;
      let end = line.end;
      while (end > open.start && isSpace(text[end - 1])) end--;
      spans.push({ outerStart: open.outerStart, outerEnd: line.end, start: open.start, end, line: lineIndex, closed: false, continues: -1 });
    }
    // Link a quote resumed at this line's start to the previous line's unclosed quote.
    const first = spans[lineStartSpans];
    if (pendingOpen >= 0 && first && first.outerStart === line.start) first.continues = pendingOpen;
    const last = spans[spans.length - 1];
    pendingOpen = last && last.line === lineIndex && !last.closed && spans.length > lineStartSpans ? spans.length - 1 : -1;
  });
  spans.forEach((span, i) => {
    // A forgotten closing mark looks like a quote running on into the next paragraph; the attribution
    // inside the span tells them apart.
    if (!span.closed && recoverMissingClose(text, span)) {
      for (const other of spans) if (other.continues === i) other.continues = -1;
    }
  });
  return spans.filter((s) => s.end > s.start);
}

const INNER_ATTRIBUTION = /[,?!](?=\s+(?:(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]*|he|she|they)\s+(?:said|says|told|added|asked)\b)/u;

/**
 * A quotation left open to the end of its paragraph, with no continuation, that holds its own attribution
 * (“We are not leaving, Dana Cole said …): the closing mark was forgotten after the comma.
 */
function recoverMissingClose(text: string, span: QuotedSpan): boolean {
  const m = INNER_ATTRIBUTION.exec(text.slice(span.start, span.end));
  if (!m) return false;
  span.end = span.start + m.index + 1;
  span.outerEnd = span.end;
  return true;
}

