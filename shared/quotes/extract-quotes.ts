/** Quotation extraction and speaker attribution over plain article text. */

import { attributeInSentence, cueAt, isNaming, lastCueSubject, sentenceSubject, type Attribution, type LineView } from './attribute.ts';
import { STRONG_CUES } from './lexicon.ts';
import { resolveMention, type LastSpeaker } from './coreference.ts';
import { EntityRegistry, findMentions, type Entity, type Mention } from './mentions.ts';
import { findQuotedSpans, splitLines, type Line, type QuotedSpan } from './quote-marks.ts';
import { splitSentences, tokenizeLine, type Sentence, type Token } from './tokens.ts';
import type { Quote } from './types.ts';

interface Found {
  span: QuotedSpan;
  spanIndex: number;
  line: number;
  sentence: Sentence;
  token: number;
  attribution: Attribution | null;
  /** Quote this one took its speaker from, when it has no cue of its own. */
  inherits: Found | null;
  speaker: string | null;
  mention: string | null;
  /** The token before the quotation in its sentence (",", ":", a word), or null at the sentence start. */
  before: string | null;
  /** Names something ("a website called “…”"): no speaker, not even one from context. */
  naming?: boolean;
  /** Took its speaker from an earlier sentence or paragraph, not its own sentence. */
  fromContext?: boolean;
}

/**
 * Finds every quotation in `text` and attributes it to a speaker (null when unsure).
 * @example extractQuotes('“We won,” Trump said.')[0]?.speaker // 'Trump'
 */
export function extractQuotes(text: string): Quote[] {
  const lines = splitLines(text);
  const spans = findQuotedSpans(text, lines);
  const byLine: number[][] = lines.map(() => []);
  spans.forEach((s, i) => byLine[s.line]?.push(i));
  const paragraphOf = paragraphIndexer(text);
  const registry = new EntityRegistry();
  const history: Mention[] = [];
  const found: Found[] = [];
  const foundBySpan = new Map<number, Found>();
  const foundOfLine = new Map<number, Found[]>();
  const views: LineView[] = [];
  let sentenceNo = 0;
  const common = lowerCaseWords(text);
  const last: LastSpeaker = { entity: null, sentence: -1 };

  lines.forEach((line, lineIndex) => {
    const tokens = tokenizeLine(text, line, spans, byLine[lineIndex] ?? []);
    const sentences = splitSentences(lineIndex, tokens);
    const view: LineView = { tokens, sentences, mentions: [], startingAt: new Map(), endingAt: new Map() };
    views.push(view);
    const lineFound: Found[] = [];
    // A headline's capitalised words are not names, and what it quotes has no attribution. Nor are those of
    // a title-cased subheading with no quotation in it ("Hale Is Over Marsh's Same Old Stump Speech").
    const inHeadline = (lineIndex === 0 && lines.length > 1 && isHeadline(text.slice(line.start, line.end))) || (!tokens.some((t) => t.quote >= 0) && isTitleCased(tokens));
    for (const sentence of sentences) {
      const mentions = inHeadline ? [] : findMentions(tokens, sentence.first, sentence.last, sentenceNo, common);
      for (const m of mentions) {
        resolveMention(m, mentions, history, registry, last);
        // "Fiorina said", "said Sunshine": whoever a cue reports speaks, so a later "she" can be them.
        if (m.kind === 'named' && m.entity && (STRONG_CUES.has(cueAt(tokens, m.last) ?? '') || /^(?:said|says)$/.test(tokens[m.first - 1]?.lower ?? ''))) m.entity.spoke = true;
        if (m.entity || m.kind !== 'pronoun') history.push(m);
        view.mentions.push(m);
        view.startingAt.set(m.first, m);
        view.endingAt.set(m.last, m);
      }
      for (let t = sentence.first; t < sentence.last; t++) {
        const token = tokens[t];
        if (!token || token.quote < 0) continue;
        const span = spans[token.quote];
        if (!span) continue;
        const f: Found = { span, spanIndex: token.quote, line: lineIndex, sentence, token: t, attribution: null, inherits: null, speaker: null, mention: null, before: t > sentence.first ? (tokens[t - 1]?.text ?? null) : null };
        lineFound.push(f);
        foundBySpan.set(token.quote, f);
      }
      sentenceNo++;
    }
    for (const [i, f] of lineFound.entries()) {
      // "known as “A” or “B”", "films like “A,” “B” and “C”": a quotation listed with a name is one too.
      const prev = lineFound[i - 1];
      f.naming = isNaming(view, f.token) || (prev?.naming === true && prev.sentence === f.sentence && listedAfter(view.tokens, prev.token, f.token));
      f.attribution = f.naming ? null : (transcriptLabel(text, f, sentenceNo) ?? attributeInSentence(view, f.token, f.sentence));
    }
    inheritWithinLine(lineFound);
    for (const f of lineFound) {
      if (!f.attribution && !f.inherits && !f.naming) {
        attributeFromContext(f, view, views[lineIndex - 1], foundOfLine.get(lineIndex - 1) ?? [], foundBySpan);
        f.fromContext = true;
      }
    }
    for (const f of lineFound) {
      const source = root(f);
      const a = source.attribution;
      if (a?.mention) {
        f.speaker = speakerOf(a.mention);
        f.mention = a.mention.surface;
        if (a.mention.entity) {
          a.mention.entity.spoke = true;
          last.entity = a.mention.entity;
          last.sentence = sentenceNo;
        }
      }
      found.push(f);
    }
    // A quotation standing alone above a signature line ("“…”", then "— Jane Doe, of Springfield."): the
    // signed name speaks. Attributed here, once the line below has its mentions.
    const signed = signatureOf(view);
    const above = views[lineIndex - 1];
    const prevFound = foundOfLine.get(lineIndex - 1) ?? [];
    if (signed && above && prevFound.length > 0 && above.tokens.every((t) => t.quote >= 0 || /^[.,!?;:]$/.test(t.text))) {
      for (const f of prevFound) {
        // Its own sentence has no cue (the line is the quotation alone), so whatever it took from context yields.
        if (f.naming || (f.speaker !== null && !f.fromContext)) continue;
        f.attribution = { mention: signed, cueAt: 0, cue: view.tokens[0]!.text };
        f.inherits = null;
        f.speaker = speakerOf(signed);
        f.mention = signed.surface;
      }
    }
    foundOfLine.set(lineIndex, lineFound);
  });

  return toQuotes(text, found, lines, paragraphOf);
}

const LABEL = /^(\p{Lu}[\p{Lu}.'’ -]*\p{Lu}):\s+/u;

/** A transcript line quoted whole, "“WALLACE: If I may, sir …": the label is the speaker, the rest the quote. */
function transcriptLabel(text: string, f: Found, sentence: number): Attribution | null {
  const m = LABEL.exec(text.slice(f.span.start, f.span.end));
  if (!m || !m[1] || m[0].length >= f.span.end - f.span.start) return null;
  const name = m[1];
  f.span.start += m[0].length;
  const entity: Entity = { id: -1, canonical: name, tokens: name.toLowerCase().split(/\s+/), person: true, org: false, place: false, gender: null };
  const mention: Mention = { kind: 'named', first: f.token, last: f.token, surface: name, entity, sentence };
  return { mention, cueAt: f.token, cue: ':' };
}

/**
 * A quotation whose own sentence names no speaker takes one from its context, in this order: the paragraph
 * part it continues; a previous paragraph ending in a colon ("Caddell continued:"); a previous paragraph
 * ending in attributed speech, when this paragraph opens with the quotation; the sentence before it
 * ("Clinton touted her credentials. “We need …”"); the last sentence of a previous paragraph none of whose
 * quotations has a speaker (a scare quote there says nothing of who speaks next).
 */
function attributeFromContext(f: Found, view: LineView, prevView: LineView | undefined, prevAll: readonly Found[], foundBySpan: ReadonlyMap<number, Found>): void {
  const prevFound = prevAll[prevAll.length - 1];
  const continued = f.span.continues >= 0 ? foundBySpan.get(f.span.continues) : undefined;
  if (continued) {
    f.inherits = continued;
    return;
  }
  const prevSentence = prevView?.sentences[prevView.sentences.length - 1];
  if (f.token === 0 && prevView && prevSentence) {
    if (prevView.tokens[prevSentence.last - 1]?.text === ':') {
      f.attribution = lastCueSubject(prevView, prevSentence);
      if (f.attribution) return;
    }
    if (prevFound && (prevFound.attribution || prevFound.inherits) && prevFound.sentence === prevSentence) {
      f.inherits = prevFound;
      return;
    }
  }
  if (f.token !== f.sentence.first) return;
  const at = view.sentences.indexOf(f.sentence);
  const before = at > 0 ? view.sentences[at - 1] : undefined;
  if (before) f.attribution = introducedBy(view, before);
  else if (f.token === 0 && prevView && prevSentence && !prevAll.some((g) => g.speaker !== null)) {
    f.attribution = introducedBy(prevView, prevSentence);
  }
}

/** The speaker a sentence introduces: the subject of its last cue, else its grammatical subject. */
function introducedBy(view: LineView, sentence: Sentence): Attribution | null {
  const cued = lastCueSubject(view, sentence);
  if (cued) return cued;
  const subject = sentenceSubject(view, sentence.first, sentence.last);
  return subject ? { mention: subject, cueAt: subject.last, cue: view.tokens[subject.last]?.text ?? '' } : null;
}

/** A hyphen or dash standing as a token of its own. */
const DASH = /^[-\u2013\u2014\u2015]$/;

/** The name a line opening with a dash signs ("— Jane Doe.", "-Jane Doe, of Springfield."), or null. */
function signatureOf(view: LineView): Mention | null {
  const dash = view.tokens[0];
  const m = view.startingAt.get(1);
  if (!dash || !DASH.test(dash.text) || m?.kind !== 'named') return null;
  // A short line with no verb: a signature, not a sentence that happens to open with a dash.
  const rest = view.tokens.slice(m.last);
  if (rest.length > 12 || rest.some((t) => t.quote >= 0)) return null;
  return m;
}

/** Only list separators between two quotation tokens: "“A” or “B”", "“A,” “B” and “C”". */
function listedAfter(tokens: readonly Token[], from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let t = from + 1; t < to; t++) if (!/^(?:,|or|and)$/.test(tokens[t]?.lower ?? '')) return false;
  return true;
}

/** A quotation with no cue of its own in a line where another one has one: "“A,” he said. “B.”" */
function inheritWithinLine(lineFound: Found[]): void {
  for (let i = 0; i < lineFound.length; i++) {
    const f = lineFound[i]!;
    if (f.attribution || f.naming) continue;
    const sameSentence = lineFound.filter((g) => g !== f && g.sentence === f.sentence && g.attribution);
    const prev = lineFound.slice(0, i).reverse().find((g) => g.attribution || g.inherits);
    const next = lineFound.slice(i + 1).find((g) => g.attribution);
    // A later speaker only for a quotation opening its sentence ("“A.” “B,” she said."); one inside a sentence
    // with no cue of its own is a title or a scare quote ("the band played “…” twice. “…,” Doe said.").
    f.inherits = sameSentence[0] ?? prev ?? (f.token === f.sentence.first ? next : undefined) ?? null;
  }
}

function root(f: Found): Found {
  let r = f;
  for (let n = 0; r.inherits && n < 50; n++) r = r.inherits;
  return r;
}

function speakerOf(m: Mention): string | null {
  if (m.entity) return m.entity.canonical;
  if (m.kind === 'nominal') return m.surface;
  return null;
}

const countWords = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const TITLE_SMALL = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'from', 'by', 'is', 'as']);

/** "The Nightly Show", "Make America Great Again": every word capitalised, so a name or a title, not speech. */
function isTitleLike(s: string): boolean {
  const words = s.replace(/[.,!?:;]+$/, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 10) return false;
  return words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && TITLE_SMALL.has(w.toLowerCase())));
}

function toQuotes(text: string, found: readonly Found[], lines: readonly Line[], paragraphOf: (offset: number) => number): Quote[] {
  const quotes: Quote[] = [];
  const first = lines[0];
  const headline = lines.length > 1 && first !== undefined && isHeadline(text.slice(first.start, first.end));
  // Paragraphs of one quotation running over several are one utterance: one group, one speaker.
  const chainRoot = new Map<number, Found>();
  const byIndex = new Map(found.map((f) => [f.spanIndex, f]));
  for (const f of found) {
    const prev = f.span.continues >= 0 ? byIndex.get(f.span.continues) : undefined;
    chainRoot.set(f.spanIndex, prev ? (chainRoot.get(prev.spanIndex) ?? prev) : f);
  }
  const chainSpeaker = new Map<Found, Found>();
  for (const f of found) {
    const r = chainRoot.get(f.spanIndex) ?? f;
    if (f.speaker !== null && !chainSpeaker.has(r)) chainSpeaker.set(r, f);
  }
  const groups = new Map<string, number>();
  const groupOf = (f: Found): number => {
    const chain = chainRoot.get(f.spanIndex) ?? f;
    const r = root(chainSpeaker.get(chain) ?? chain);
    const key = r.attribution ? `${r.line}:${r.attribution.cueAt}` : `span:${r.spanIndex}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = groups.size + 1;
      groups.set(key, g);
    }
    return g;
  };
  for (const f of found) {
    const words = countWords(text.slice(f.span.start, f.span.end));
    const attributed = root(f).attribution !== null || chainSpeaker.has(chainRoot.get(f.spanIndex) ?? f);
    // A headline above the article body quotes without attributing.
    if (f.line === 0 && headline) continue;
    // Unattributed short or title-cased quotations are scare quotes, names and titles, not speech; so is a
    // title-cased phrase even near a cue ("She starred in “The Long Road Home”"), unless it is what someone
    // was called.
    const titleLike = isTitleLike(text.slice(f.span.start, f.span.end));
    if (!attributed && (words <= 3 || titleLike)) continue;
    if (titleLike && words >= 2 && words <= 8 && f.attribution && !/^call/.test(f.attribution.cue)) continue;
    let { start, end } = f.span;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end === start) continue;
    const group = groupOf(f);
    // The second span of a split direct quotation ("“For that reason,” the company said, “permitting …”").
    const resumes = f.before === ',' && quotes.some((q) => q.group === group && q.kind === 'direct');
    const kind = isDirect(f) || resumes ? 'direct' : 'partial';
    const voice = f.speaker === null ? chainSpeaker.get(chainRoot.get(f.spanIndex) ?? f) : undefined;
    if (voice) {
      f.speaker = voice.speaker;
      f.mention = voice.mention;
    }
    quotes.push({
      text: text.slice(start, end),
      start,
      end,
      speaker: f.speaker,
      mention: f.mention,
      cue: (voice ? root(voice) : root(f)).attribution?.cue ?? null,
      kind,
      group,
      paragraph: paragraphOf(start),
    });
  }
  return quotes;
}

/** Four or more longer words, every one capitalised: a subheading, whose capitals are not names. */
function isTitleCased(tokens: readonly Token[]): boolean {
  // "— Jane Doe, Port Haven.": a dash opens a signature, whose capitals are names.
  if (DASH.test(tokens[0]?.text ?? '')) return false;
  const words = tokens.filter((t) => /^\p{L}{4,}/u.test(t.text));
  return words.length >= 4 && words.every((t) => t.cap);
}

/** A title line: every longer word capitalised, or no closing punctuation. */
function isHeadline(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /^[\p{L}'’‘“"]{4,}/u.test(w));
  const lower = words.filter((w) => !/^[‘“"'’]?\p{Lu}/u.test(w)).length;
  return (words.length >= 3 && lower === 0) || !/[.!?]["”’']?$/.test(line.trim());
}

/** A whole utterance: it opens its sentence, follows a colon, or resumes a direct quotation after its cue. */
function isDirect(f: Found): boolean {
  if (f.before === null || f.before === ':') return true;
  const r = root(f);
  return f.before === ',' && r !== f && r.line === f.line && isDirect(r);
}

/** Words the text uses in lower case: a capitalised one of these at a sentence start is not a name. */
function lowerCaseWords(text: string): { has(word: string): boolean } {
  const seen = new Map<string, boolean>();
  const isLetter = (c: string | undefined): boolean => c !== undefined && c.toLowerCase() !== c.toUpperCase();
  return {
    has(word: string): boolean {
      let found = seen.get(word);
      if (found === undefined) {
        found = false;
        for (let i = text.indexOf(word); i !== -1 && !found; i = text.indexOf(word, i + 1)) {
          found = !isLetter(text[i - 1]) && !isLetter(text[i + word.length]);
        }
        seen.set(word, found);
      }
      return found;
    },
  };
}

/** Maps an offset to its paragraph index (paragraphs are separated by blank lines). */
function paragraphIndexer(text: string): (offset: number) => number {
  const breaks: number[] = [];
  const re = /\n[ \t]*\n\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) breaks.push(m.index + m[0].length);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
