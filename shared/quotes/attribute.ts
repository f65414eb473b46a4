/** Cue and subject finding: which mention, through which reporting cue, a quotation belongs to. */

import {
  APPOSITIVE_MARKS,
  AUXILIARIES,
  CUE_VERBS,
  DETERMINERS,
  DOCUMENTS,
  INVERTIBLE,
  NAMING_WORDS,
  NOMINAL_HEADS,
  NOT_SPEECH,
  NOUN_FORMS,
  OBJECT_CUES,
  PARTY_MEMBERS,
  PREPOSITIONS,
  PRONOUNS,
  ROLE_NOUNS,
  SPEECH_NOUNS,
  STOP_PREFIX,
  STRONG_CUES,
  SUBORDINATORS,
  TIME_WORDS,
  VERB_MODIFIERS,
} from './lexicon.ts';
import type { Mention } from './mentions.ts';
import type { Sentence, Token } from './tokens.ts';

/** A line's tokens with its mentions indexed by where they start and end. */
export interface LineView {
  tokens: Token[];
  sentences: Sentence[];
  mentions: Mention[];
  startingAt: Map<number, Mention>;
  endingAt: Map<number, Mention>;
}

export interface Attribution {
  mention: Mention | null;
  /** Token index of the cue in the line. */
  cueAt: number;
  cue: string;
}

/** The cue word at `i`: a reporting verb, or "according" of "according to". */
export function cueAt(tokens: readonly Token[], i: number): string | null {
  const t = tokens[i];
  if (!t || t.quote >= 0) return null;
  if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') return 'according to';
  if (t.cap && t.text !== 'Said' && t.text !== 'Says') return null;
  if (!CUE_VERBS.has(t.lower)) return null;
  const prev = tokens[i - 1];
  // "the report", "his post", "a call": nouns, not verbs.
  if (prev && DETERMINERS.has(prev.lower) && prev.lower !== 'that') return null;
  if (prev && /^(?:to|so)$/.test(prev.lower) && !/^(?:say|tell|add|write|ask)$/.test(t.lower)) return null;
  // "Clinton's remarks", "Trump's claim": a possessive makes it a noun.
  if (prev && /['’]s$|s['’]$/.test(prev.text)) return null;
  // "a wake-up call", "the two lengthy investigative reports": a form that can be a noun, after a determiner
  // and modifiers, is one ("the campaign says" has a verb form no noun takes).
  if (NOUN_FORMS.has(t.lower)) {
    for (let d = i - 1; d >= Math.max(0, i - 4); d--) {
      const w = tokens[d];
      if (!w || w.quote >= 0 || w.cap || !/^[\p{Ll}\d][\p{Ll}\d-]*$/u.test(w.text)) break;
      // "one he calls", "what her team calls": a subject before the verb.
      if (PRONOUNS.has(w.lower) || (d === i - 1 && NOMINAL_HEADS.has(w.lower))) break;
      if (DETERMINERS.has(w.lower)) return d < i - 1 ? null : t.lower;
      if (STOP_PREFIX.has(w.lower) || /ly$/.test(w.lower) || CUE_VERBS.has(w.lower)) break;
    }
  }
  return t.lower;
}

const isSkippable = (t: Token): boolean =>
  t.quote < 0 && (VERB_MODIFIERS.has(t.lower) || (!t.cap && /^\p{Ll}+ly$/u.test(t.text)) || TIME_WORDS.has(t.lower) || /^\d{1,4}$/.test(t.text));

/** The subject of the cue at `c`: the mention right before it, past adverbs, times and an appositive. */
export function subjectBefore(view: LineView, c: number, floor: number): Mention | null {
  const { tokens, endingAt } = view;
  let k = c - 1;
  let skipped = 0;
  while (k >= floor && skipped < 5) {
    const t = tokens[k];
    if (t?.text === ')') {
      // "Sen. Claire McCaskill (D-Mo.) said"
      let open = k - 1;
      while (open > floor && open > k - 10 && tokens[open]?.text !== '(') open--;
      if (tokens[open]?.text !== '(') break;
      k = open - 1;
      skipped++;
      continue;
    }
    if (!t || !isSkippable(t) || endingAt.has(k + 1)) break;
    k--;
    skipped++;
  }
  if (k < floor) return null;
  const direct = endingAt.get(k + 1);
  if (direct && direct.first >= floor) return direct;
  // "Loretta E. Lynch, who told Congress": a relative clause's subject is its antecedent.
  if (tokens[k]?.lower === 'who') {
    const comma = tokens[k - 1]?.text === ',' ? 1 : 0;
    const antecedent = endingAt.get(k - comma);
    if (antecedent && antecedent.first >= floor) return antecedent;
  }
  const adHoc = descriptionEndingAt(view, k, floor);
  if (adHoc) return adHoc;
  // "Ivana Trump's brief said": a possessive name and the noun it owns.
  const owner = endingAt.get(k);
  const owned = tokens[k];
  if (owner && owner.head === "'s" && owner.first >= floor && owned && !owned.cap && /^\p{Ll}+$/u.test(owned.text)) {
    const surface = tokens.slice(owner.first, k + 1).map((x) => x.text).join(' ');
    return { kind: 'nominal', first: owner.first, last: k + 1, surface, head: owned.lower, definite: true, entity: null, sentence: owner.sentence };
  }
  const t = tokens[k];
  if (t && APPOSITIVE_MARKS.has(t.text)) {
    // "the previous Republican nominee, Mitt Romney, called": the name is itself the appositive.
    const named = endingAt.get(k);
    // "Jane Doe, 22, of Dunmore, Ohio, said": a state after its town is no appositive name ("its ally, China, said" is).
    const town = named?.entity?.place ? view.endingAt.get(named.first - 1) : undefined;
    if (t.text === ',' && named?.kind === 'named' && !town && named.first >= floor && tokens[named.first - 1]?.text === ',') return named;
    // "Shalev Hulio, an NSO Group co-founder, said", "NSO Group - whose technology … - also claimed".
    // "Marco Rubio, whose hometown, Miami, is …, argues": past commas inside the appositive too, and a
    // name before a description ("Giovanni Maria Vian, the editor …, L'Osservatore Romano, said").
    const limit = t.text === ',' ? 30 : 40;
    let commas = 0;
    let candidate: Mention | null = null;
    for (let p = k - 1; p >= Math.max(floor, k - limit); p--) {
      const q = tokens[p];
      if (!q || q.quote >= 0) return null;
      if (q.text === t.text) {
        let close = p;
        if (tokens[p - 1]?.text === ')') {
          // "Sen. Ted Cruz (R-Texas), also a GOP presidential hopeful, called …"
          let open = p - 2;
          while (open > floor && open > p - 10 && tokens[open]?.text !== '(') open--;
          if (tokens[open]?.text === '(') close = open;
        }
        const head = endingAt.get(close);
        // "a farmer from Dunmore, Ohio, says": a place after a preposition is no speaker.
        if (head && head.first >= floor && !head.oblique && (t.text !== ',' || !cueAt(tokens, p + 1))) {
          if (head.kind === 'named' && head.entity?.person !== false) return head;
          candidate ??= head;
        }
        if (t.text !== ',' || ++commas > 2) return candidate;
      }
    }
    return candidate;
  }
  return null;
}

/** The words a description of a speaker opens with: "the spokesman", "a senior aide", "one voter". */
const DESCRIPTION_OPENER = /^(?:the|a|an|one|another)$/i;

/**
 * A description no word list foresaw, ending at token `k`: "the retired neurosurgeon", "the 43-year-old".
 * Built on the fly as a nominal mention.
 */
function descriptionEndingAt(view: LineView, k: number, floor: number): Mention | null {
  const { tokens } = view;
  const head = tokens[k];
  // "the Republican", "one senior Democrat": a party member is a capitalised common noun.
  const member = head !== undefined && head.cap && PARTY_MEMBERS.has(head.text);
  if (!head || (head.cap && !member) || head.quote >= 0 || (!member && !/^[\p{Ll}\d][\p{L}\d'’-]*$/u.test(head.text)) || cueAt(tokens, k) || STOP_PREFIX.has(head.lower) || VERB_MODIFIERS.has(head.lower)) return null;
  for (let d = k - 1; d >= Math.max(floor, k - 5); d--) {
    const t = tokens[d];
    if (!t || t.quote >= 0) return null;
    if (DESCRIPTION_OPENER.test(t.text)) {
      // A name inside ("a KRVX representative") only qualifies the head; a mention reaching out of it is no description.
      if (view.mentions.some((m) => m.first <= k && m.last > d && (m.first < d || m.last > k + 1 || (m.last === k + 1 && m.first > d)))) return null;
      const prep = tokens[d - 1];
      if (prep && !prep.cap && PREPOSITIONS.has(prep.lower)) return null;
      const surface = tokens.slice(d, k + 1).map((x) => x.text).join(' ');
      return { kind: 'nominal', first: d, last: k + 1, surface, head: head.lower, definite: /^the$/i.test(t.text), entity: null, sentence: -1 };
    }
    // Modifiers may be capitalised ("a KRVX representative", "the Clinton campaign spokesman").
    if (!/^[\p{L}\d][\p{L}\d'’-]*$/u.test(t.text) || STOP_PREFIX.has(t.lower) || cueAt(tokens, d)) return null;
  }
  return null;
}

/** "the presumptive GOP presidential nominee, Donald Trump, tweeted": the name inside the description. */
function describedName(view: LineView, j: number, end: number): Mention | null {
  const det = view.tokens[j];
  if (!det || !/^(?:the|a|an|his|her|their|its)$/i.test(det.text)) return null;
  for (let k = j + 1; k < Math.min(end, j + 8); k++) {
    const t = view.tokens[k];
    if (!t || t.quote >= 0 || cueAt(view.tokens, k)) return null;
    const m = view.startingAt.get(k);
    if (m?.kind === 'named' && view.tokens[k - 1]?.text === ',') return m;
  }
  return null;
}

/** "reporter Sabine Okafor asked", "Pell senior adviser Jarrah Cole conceded": the name after a role. */
function roleBeforeName(view: LineView, j: number, end: number): Mention | null {
  for (let k = j; k < Math.min(end, j + 4); k++) {
    const t = view.tokens[k];
    if (!t || t.quote >= 0 || cueAt(view.tokens, k) || !/^[\p{L}-]+$/u.test(t.text) || (!t.cap && STOP_PREFIX.has(t.lower))) return null;
    if (!t.cap && ROLE_NOUNS.has(t.lower)) {
      const m = view.startingAt.get(k + 1);
      return m?.kind === 'named' ? m : null;
    }
  }
  return null;
}

/** A description starting at `j` and followed by a cue: "“…,” the retired neurosurgeon said". */
function descriptionStartingAt(view: LineView, j: number, end: number): Mention | null {
  const det = view.tokens[j];
  if (!det || !DESCRIPTION_OPENER.test(det.text)) return null;
  for (let k = j + 1; k < Math.min(end, j + 5); k++) {
    if (cueAt(view.tokens, k + 1)) return descriptionEndingAt(view, k, j);
  }
  return null;
}

/** "“…,” a Democratic staffer in the room wondered": a description, a short prepositional phrase, the cue. */
function describedWithPhrase(view: LineView, j: number, end: number): Attribution | null {
  const det = view.tokens[j];
  if (!det || !DESCRIPTION_OPENER.test(det.text)) return null;
  let prep = -1;
  for (let k = j + 2; k < Math.min(end, j + 9); k++) {
    const t = view.tokens[k];
    if (!t || t.quote >= 0 || /^[,;:.]$/.test(t.text)) return null;
    const cue = cueAt(view.tokens, k);
    if (cue) {
      if (prep < 0 || /ing$/.test(cue) || cue === 'according to') return null;
      const d = descriptionEndingAt(view, prep - 1, j);
      return d?.first === j ? { mention: d, cueAt: k, cue: t.text } : null;
    }
    if (prep < 0 && !t.cap && /^(?:in|at|on|of|from|with)$/.test(t.lower)) prep = k;
  }
  return null;
}

/**
 * "“…,” a spokeswoman for the harbour board said", "“…,” Pell senior adviser Jarrah Cole conceded": any
 * short phrase between the quotation and a verb of saying is its speaker. A person named in it speaks;
 * else the description up to its preposition (none when a comma comes first: too unsure where it ends).
 */
function phraseBeforeCue(view: LineView, j: number, end: number): Attribution | null {
  const { tokens } = view;
  const first = tokens[j];
  if (!first || first.quote >= 0 || !(first.cap || DESCRIPTION_OPENER.test(first.text))) return null;
  for (let k = j + 1; k < Math.min(end, j + 14); k++) {
    const t = tokens[k];
    // A verb or a clause boundary inside: no longer a phrase naming someone.
    if (!t || t.quote >= 0 || /^[.;:!?()\u2013\u2014-]$/.test(t.text) || AUXILIARIES.has(t.lower) || t.lower === 'to') return null;
    const cue = cueAt(tokens, k);
    if (!cue) continue;
    // "a man who said": the cue of a relative clause inside the phrase, not of the quotation.
    if (/ing$/.test(cue) || cue === 'according to' || /^(?:who|that|which)$/.test(tokens[k - 1]?.lower ?? '')) return null;
    // "“…,” Doe, Smith wrote": the one right before the cue, past an appositive, else one named earlier in the phrase.
    const near = subjectBefore(view, k, j);
    if (near?.kind === 'named' && near.entity?.person !== false && !near.oblique) return { mention: near, cueAt: k, cue: t.text };
    const named = view.mentions.find((m) => m.first >= j && m.last <= k && m.kind === 'named' && m.entity?.person === true && m.head !== "'s" && !m.oblique);
    if (named) return { mention: named, cueAt: k, cue: t.text };
    if (first.cap || !STRONG_CUES.has(cue)) return null;
    let stop = j + 1;
    while (stop < k && !PREPOSITIONS.has(tokens[stop]?.lower ?? '') && !/^(?:who|that|which|,)$/.test(tokens[stop]?.lower ?? '')) stop++;
    if (tokens[stop]?.text === ',') return null;
    const d = descriptionEndingAt(view, stop - 1, j);
    return d?.first === j ? { mention: d, cueAt: k, cue: t.text } : null;
  }
  return null;
}

/** The speaker after an inverted cue ("said Sen. Warren", "according to officials"). */
export function subjectAfter(view: LineView, c: number, ceiling: number): Mention | null {
  const cue = cueAt(view.tokens, c);
  const start = cue === 'according to' ? c + 2 : c + 1;
  let k = start;
  let skipped = 0;
  while (k < ceiling && skipped < 2) {
    const t = view.tokens[k];
    if (!t || view.startingAt.has(k) || !(TIME_WORDS.has(t.lower) || VERB_MODIFIERS.has(t.lower))) break;
    k++;
    skipped++;
  }
  const m = view.startingAt.get(k);
  // "said in a statement", "said on CNN": a preposition's object; "said the candidate could win": the
  // subject of what was said, not the one who said it.
  if (m && ((k > start && PREPOSITIONS.has(view.tokens[k - 1]?.lower ?? '')) || AUXILIARIES.has(view.tokens[m.last]?.lower ?? ''))) return null;
  if (m) {
    // "said Clinton ally James Carville": a name, a role, then the speaker's own name.
    const role = view.tokens[m.last];
    const named = view.startingAt.get(m.last + 1);
    if (m.kind === 'named' && role && !role.cap && ROLE_NOUNS.has(role.lower) && named?.kind === 'named' && named.last <= ceiling) return named;
    return m.last <= ceiling ? m : null;
  }
  // A description before the name: "said Republican political consultant Chris Russell".
  let fallback: Mention | null = null;
  let commas = 0;
  for (let p = k; p < Math.min(ceiling, k + 9); p++) {
    const t = view.tokens[p];
    if (!t || t.quote >= 0 || cueAt(view.tokens, p)) break;
    const found = view.startingAt.get(p);
    if (found && found.last <= ceiling) {
      if (found.entity?.person === true) return found;
      fallback ??= found;
    }
    if (t.text === ',' && ++commas > 1) break;
    // "said 9/11 widow Terry Strada": a figure may qualify the description.
    if (!/^[\p{L}\d.,'’/-]+$/u.test(t.text) || (!t.cap && STOP_PREFIX.has(t.lower))) break;
  }
  // Only right after a quotation is the cue surely inverted ("recalled the long freeze on wages" is not).
  const quoted = (view.tokens[c - 1]?.quote ?? -1) >= 0 || (view.tokens[c - 1]?.text === ',' && (view.tokens[c - 2]?.quote ?? -1) >= 0);
  if (fallback || !quoted || !/^(?:the|a|an|one)$/i.test(view.tokens[k]?.text ?? '')) return fallback;
  // "said the 46-year-old.", "said a former senior law enforcement official.", "said one owner of a shop …":
  // a description closing the clause or followed by its complement.
  for (let p = k + 1; p < Math.min(ceiling, k + 7); p++) {
    const next = view.tokens[p + 1];
    if (!next || p + 1 >= ceiling || /^[.,;:]$/.test(next.text) || /^(?:of|who|whose|from|at|with|in|on|for)$/.test(next.lower)) {
      const d = descriptionEndingAt(view, p, k);
      return d?.first === k ? d : null;
    }
  }
  return null;
}

/** Past a parenthesis opening at `k` ("Rep. Jim Jordan (R-Ohio) said"), else `k`. */
function skipParenthesis(tokens: readonly Token[], k: number, ceiling: number): number {
  if (tokens[k]?.text !== '(') return k;
  for (let p = k + 1; p < Math.min(ceiling, k + 10); p++) if (tokens[p]?.text === ')') return p + 1;
  return k;
}

/** Skips an appositive (", the party's nominee,") and modifiers after a mention, returning the next index. */
function pastMention(view: LineView, m: Mention, ceiling: number): number {
  const { tokens } = view;
  let k = skipParenthesis(tokens, m.last, ceiling);
  // "the council spokeswoman, Maren Oduya, said": the name was the appositive, its comma closes it.
  if (tokens[k]?.text === ',' && tokens[m.first - 1]?.text === ',' && cueAt(tokens, k + 1)) return k + 1;
  if (tokens[k]?.text === ',') {
    for (let p = k + 1; p < Math.min(ceiling, k + 30); p++) {
      const t = tokens[p];
      if (!t || t.quote >= 0) break;
      if (t.text === ',') {
        if (cueAt(tokens, p + 1) || isSkippable(tokens[p + 1] ?? t)) {
          k = p + 1;
        }
        break;
      }
    }
  }
  let skipped = 0;
  while (k < ceiling && skipped < 4) {
    const t = tokens[k];
    if (!t || cueAt(tokens, k) || !isSkippable(t)) break;
    k++;
    skipped++;
  }
  return k;
}

/** Attribution in the quotation's own sentence: a cue right after it, then the nearest cue before, then any after. */
export function attributeInSentence(view: LineView, q: number, sentence: Sentence): Attribution | null {
  const found = attributeInSentenceDirectly(view, q, sentence);
  return (found && outerSource(view, found, sentence)) ?? found;
}

/**
 * "“…,” Walker said, according to an Associated Press account": the account the reporter relies on is
 * the source the words are attributed to.
 */
function outerSource(view: LineView, found: Attribution, sentence: Sentence): Attribution | null {
  const { tokens } = view;
  if (found.cue === 'according to' || found.cue === 'According to') return null;
  for (let c = found.cueAt + 1; c < sentence.last; c++) {
    // "… said in a statement according to The Ledger": the comma is sometimes left out. "Doe said: “…,” the
    // Gazette reported": the comma may close the quotation.
    const comma = tokens[c - 1]?.text === ',' || ((tokens[c - 1]?.quote ?? -1) >= 0 && /,\s*$/.test(tokens[c - 1]?.text ?? ''));
    if (!comma && cueAt(tokens, c) !== 'according to') continue;
    if (cueAt(tokens, c) === 'according to') {
      const m = subjectAfter(view, c, sentence.last);
      if (m) return { mention: m, cueAt: c, cue: tokens[c]!.text + ' to' };
    }
    // "“…,” said Corwin Blaise, reports the Harlow Gazette.": the same, inverted.
    if (/^report(?:ed|s)$/.test(tokens[c]?.lower ?? '') && tokens[c]?.quote === -1) {
      const m = subjectAfter(view, c, sentence.last);
      if (m && m.kind !== 'pronoun' && m.last + 1 >= sentence.last - 1) return { mention: m, cueAt: c, cue: tokens[c]!.text };
    }
    // "“…,” Trump said, the Times reported."
    const reporter = view.startingAt.get(c) ?? (tokens[c]?.lower === 'the' ? view.startingAt.get(c + 1) : undefined);
    // "…, the Gazette first reported in 2019.": an adverb before the verb, a short time after it.
    if (!reporter || reporter.kind === 'pronoun') continue;
    const adverb = tokens[reporter.last];
    const at = adverb && isSkippable(adverb) ? reporter.last + 1 : reporter.last;
    const verb = tokens[at];
    if (!verb || !/^report(?:ed|s)$/.test(verb.lower) || sentence.last - at > 5) continue;
    let plain = true;
    for (let k = at + 1; k < sentence.last && plain; k++) plain = tokens[k]!.quote < 0 && !cueAt(tokens, k);
    if (plain) return { mention: reporter, cueAt: at, cue: verb.text };
  }
  return null;
}

function attributeInSentenceDirectly(view: LineView, q: number, sentence: Sentence): Attribution | null {
  const { tokens } = view;
  const end = sentence.last;
  // 1. Right after: "“…,” he said", "“…,” said Trump", "“…,” Hulio, an NSO co-founder, said".
  let j = q + 1;
  while (j < end && /^[,\u2014\u2013\u2015-]$/.test(tokens[j]?.text ?? '')) j++;
  const after = attributeAfter(view, j, end);
  if (after) return after;
  // A signature: "“…” ― Adriana Rodarte" at the end of the paragraph.
  const signed = view.startingAt.get(j);
  const dash = tokens[j - 1];
  if (signed && signed.kind === 'named' && dash && /^[\u2014\u2013\u2015-]$/.test(dash.text) && (signed.last >= tokens.length || /^[.]$/.test(tokens[signed.last]?.text ?? ''))) {
    return { mention: signed, cueAt: j - 1, cue: dash.text };
  }
  // "According to his physician, the businessman had … “…”": the sentence's declared source.
  for (let c = sentence.first; c < end; c++) {
    if (c === q || cueAt(tokens, c) !== 'according to') continue;
    const m = subjectAfter(view, c, end);
    if (m) return { mention: m, cueAt: c, cue: tokens[c]!.text + ' to' };
  }
  // "…, RT is “…”, as Ms. Simonyan put it": the source the reporter borrows the words from.
  for (let c = sentence.first + 2; c < end; c++) {
    if (tokens[c]?.lower !== 'put' || tokens[c + 1]?.lower !== 'it' || tokens[c]?.quote !== -1) continue;
    const m = subjectBefore(view, c, sentence.first);
    const as = tokens[m?.first ?? 0] && tokens[(m?.first ?? 0) - 1]?.lower === 'the' ? (m?.first ?? 0) - 2 : (m?.first ?? 0) - 1;
    if (m && tokens[as]?.lower === 'as') return { mention: m, cueAt: c, cue: 'put it' };
  }
  // 2. Before: "Trump said: “…”", "WhatsApp said NSO was attempting to “…”".
  const colon = tokens[q - 1];
  if (colon?.text === ':') {
    // "Trump: “…”", "Kasich resisted: “…”", "Podesta said in a statement: “…”", and "In a Fox interview
    // later that day, Trump went even further: “…”": the clause's speaker, never the object before the colon.
    const m = view.endingAt.get(q - 1);
    if (m && (m.first === sentence.first || /^[,\u2013\u2014-]$/.test(tokens[m.first - 1]?.text ?? ''))) return { mention: m, cueAt: q - 1, cue: ':' };
    const verb = tokens[q - 2];
    const head = view.startingAt.get(sentence.first);
    if (head && head.last === q - 2 && verb && !verb.cap && /^\p{Ll}+(?:ed|s)$/u.test(verb.text)) return { mention: head, cueAt: q - 2, cue: verb.text };
    let clause = sentence.first;
    for (let c = q - 2; c > sentence.first; c--) if (tokens[c]?.text === ',') { clause = c + 1; break; }
    // "When Trump suggested …, Rubio fired back: “…”", "…, to which Kostas interjected: “…”": the clause
    // that ends in the colon has its own subject and verb, whatever verb of saying came before.
    const own = clause > sentence.first ? sentenceSubject(view, clause, q - 1) : null;
    let verbAt = own ? own.last : -1;
    while (verbAt > 0 && verbAt < q - 1 && isSkippable(tokens[verbAt]!) && !AUXILIARIES.has(tokens[verbAt]!.lower)) verbAt++;
    const ownVerb = tokens[verbAt];
    let cueBefore = false;
    for (let c = clause; own && c < own.first && !cueBefore; c++) cueBefore = cueAt(tokens, c) !== null;
    if (own && !cueBefore && own.kind !== 'nominal' && ownVerb && verbAt < q - 1 && !ownVerb.cap && /^\p{Ll}+$/u.test(ownVerb.text) && !STOP_PREFIX.has(ownVerb.lower) && !PREPOSITIONS.has(ownVerb.lower)) {
      return { mention: own, cueAt: verbAt, cue: ownVerb.text };
    }
    const cued = lastCueSubject(view, { line: sentence.line, first: sentence.first, last: q - 1 });
    if (cued) return cued;
    const subject = sentenceSubject(view, clause, q - 1) ?? sentenceSubject(view, sentence.first, q - 1);
    if (subject) return { mention: subject, cueAt: q - 1, cue: ':' };
  }
  let participle: number | null = null;
  for (let c = q - 1; c >= sentence.first; c--) {
    const cue = cueAt(tokens, c);
    if (!cue) {
      // "Donald Trump's accusation that Clinton is playing the “woman's card”".
      const owner = SPEECH_NOUNS.has(tokens[c]?.lower ?? '') ? view.endingAt.get(c) : undefined;
      // Not past a participle nearer the quotation: "… tried to downplay Ryan's comments, saying they were “…”".
      if (owner && participle === null && owner.kind === 'named' && owner.head === "'s" && !reportedBefore(view, owner.first, sentence.first)) {
        return { mention: owner, cueAt: c, cue: tokens[c]!.text };
      }
      continue;
    }
    if (cue === 'according to') {
      const m = subjectAfter(view, c, end);
      if (m) return { mention: m, cueAt: c, cue: tokens[c]!.text + ' to' };
      continue;
    }
    const before = tokens[c - 1];
    // "…, adding that he was “…”", "… but insisting that …": a participle shares the main clause's subject.
    const object = view.endingAt.get(c);
    // "Clinton responded … on Facebook writing, “…”": a preposition's object is not the one writing ("with Trump
    // saying", "footage of Trump saying" are).
    const prepositionObject = object?.oblique === true && !/^(?:with|of)$/.test(tokens[object.first - 1]?.lower ?? '');
    const documentObject = object?.kind === 'nominal' && DOCUMENTS.has(object.head ?? '') && sentenceSubject(view, sentence.first, c) !== object;
    if (/ing$/.test(cue) && before && (before.text === ',' || before.quote >= 0 || /^(?:and|but|while|before|after|by|when)$/.test(before.lower) || documentObject || ((!object || prepositionObject) && !/^(?:was|is|were|are|been|be|am|not)$/.test(before.lower)))) {
      participle ??= c;
      continue;
    }
    const m = subjectBefore(view, c, sentence.first);
    if (m) {
      // "Morial told a young woman who suggested … that “…”": the one who told, not the one told.
      if (tokens[c - 1]?.lower === 'who') {
        for (let o = m.first - 1; o >= Math.max(sentence.first, m.first - 2); o--) {
          const outer = cueAt(tokens, o);
          const om = outer && outer !== 'according to' ? subjectBefore(view, o, sentence.first) : null;
          if (om) return { mention: om, cueAt: o, cue: tokens[o]!.text };
        }
      }
      // "Trump said that Romney begged him … “would have dropped to his knees”": the reporting verb
      // of the whole sentence outranks a weaker verb inside what it reports.
      if (!STRONG_CUES.has(cue)) {
        for (let o = c - 1; o >= sentence.first; o--) {
          const outer = cueAt(tokens, o);
          if (!outer || !STRONG_CUES.has(outer)) continue;
          const om = subjectBefore(view, o, sentence.first);
          if (om) return { mention: om, cueAt: o, cue: tokens[o]!.text };
        }
      }
      return { mention: m, cueAt: c, cue: tokens[c]!.text };
    }
    // "“…,” said Trump": inversion follows the quotation itself.
    if (before && (before.quote >= 0 || (before.text === ',' && (tokens[c - 2]?.quote ?? -1) >= 0)) && INVERTIBLE.has(cue)) {
      const inv = subjectAfter(view, c, end);
      if (inv) return { mention: inv, cueAt: c, cue: tokens[c]!.text };
    }
  }
  if (participle !== null) {
    const subject = sentenceSubject(view, sentence.first, participle);
    if (subject) return { mention: subject, cueAt: participle, cue: tokens[participle]!.text };
  }
  const phrased = phraseBeforeCue(view, j, end);
  if (phrased) return phrased;
  // 3. Further after, a verb of saying only: "“…” — or so Trump said", "“…,” it said in the filing".
  for (let c = j; c < end; c++) {
    if (tokens[c]?.quote !== -1) continue;
    const a = attributeAfter(view, c, end);
    if (a && STRONG_CUES.has(a.cue.toLowerCase())) return a;
  }
  // 4. A fragment inside a sentence with no reporting verb: its subject ("Moore thanked him for “…”").
  if (q > sentence.first) {
    // "Clinton proposed a debate - but the Sanders campaign rejected the idea as “…”": the clause the
    // fragment stands in has its own subject.
    let clause = sentence.first;
    for (let c = q - 1; c > sentence.first + 1; c--) {
      const t = tokens[c];
      if (t && t.quote < 0 && /^(?:but|whereas|yet)$/.test(t.lower) && /^[,;\u2013\u2014-]$/.test(tokens[c - 1]?.text ?? '')) {
        clause = c + 1;
        break;
      }
    }
    const own = clause > sentence.first ? sentenceSubject(view, clause, q) : null;
    // "…, but now said Trump had “…”" shares the subject; only a clause opening with its own subject counts.
    const subject = (own && own.first === clause ? own : null) ?? sentenceSubject(view, sentence.first, q);
    if (subject) return { mention: subject, cueAt: subject.last, cue: tokens[subject.last]?.text ?? '' };
  }
  return null;
}

/**
 * The subject a participle at `to` shares: the first mention before it followed by a finite verb ("Back in
 * 2009, Mr. Reyne praised the plan …, telling Harbor Radio"), else the clause's first subject.
 */
function participleSubject(view: LineView, from: number, to: number): Mention | null {
  for (const m of view.mentions) {
    if (m.first < from) continue;
    if (m.last >= to) break;
    if (m.oblique || m.head === "'s" || m.entity?.place) continue;
    let k = m.last;
    while (k < to && (VERB_MODIFIERS.has(view.tokens[k]?.lower ?? '') || /^\p{Ll}+ly$/u.test(view.tokens[k]?.text ?? '')) && !AUXILIARIES.has(view.tokens[k]?.lower ?? '')) k++;
    const verb = view.tokens[k];
    if (verb && !verb.cap && verb.quote < 0 && (AUXILIARIES.has(verb.lower) || /^\p{Ll}+(?:ed|s)$/u.test(verb.text)) && !NOT_SPEECH.has(verb.lower)) return m;
  }
  return sentenceSubject(view, from, to);
}

/** The first mention of a clause that is not the object of a preposition. */
export function sentenceSubject(view: LineView, from: number, to: number): Mention | null {
  // Past an opening subordinate clause or phrase: "As voters went to the polls, the Sanders campaign …".
  const opener = view.tokens[from];
  if (opener && (SUBORDINATORS.has(opener.lower) || (opener.cap && /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(opener.text) && !view.startingAt.has(from)))) {
    for (let c = from + 1; c < Math.min(to, from + 25); c++) {
      const t = view.tokens[c];
      if (t?.text === ',' || (t && t.quote >= 0 && /,\s*$/.test(t.text))) {
        const main = sentenceSubject(view, c + 1, to);
        if (main) return main;
        break;
      }
    }
  }
  for (const m of view.mentions) {
    if (m.first < from) continue;
    if (m.last > to) break;
    if (m.oblique || m.head === "'s" || m.entity?.place) continue;
    return m;
  }
  return null;
}

function attributeAfter(view: LineView, j: number, end: number): Attribution | null {
  const { tokens } = view;
  if (j >= end) return null;
  const cue = cueAt(tokens, j);
  if (cue) {
    if (/ing$/.test(cue)) return null;
    // "… told The New York Times": after a verb of addressing or judging comes its object, not its subject.
    if (OBJECT_CUES.has(cue)) return null;
    const m = subjectAfter(view, j, end);
    if (m) return { mention: m, cueAt: j, cue: cue === 'according to' ? tokens[j]!.text + ' to' : tokens[j]!.text };
    return null;
  }
  // "“…,” reacted Trump.", "“…,” beamed Lorcan Whitby of Dunmore": any verb, inverted, before a name closing the clause.
  const verb = tokens[j];
  const inverted = view.startingAt.get(j + 1);
  if (verb && !verb.cap && verb.quote < 0 && /^\p{Ll}{3,}ed$/u.test(verb.text) && inverted?.kind === 'named' && /^[.,;]?$/.test(tokens[inverted.last]?.text ?? '')) {
    return { mention: inverted, cueAt: j, cue: verb.text };
  }
  // "“…,” the billionaire business mogul told People": a longer description than the mention found there.
  for (const m of [view.startingAt.get(j), descriptionStartingAt(view, j, end), describedName(view, j, end), roleBeforeName(view, j, end)]) {
    if (!m) continue;
    const k = pastMention(view, m, end);
    const cue = k < end ? cueAt(tokens, k) : null;
    // "… “cannot walk down the street” without reporters asking": a participle after a noun is no reporting clause.
    if (cue && cue !== 'according to' && !/ing$/.test(cue)) return { mention: m, cueAt: k, cue: tokens[k]!.text };
    // Any verb closing the clause: "“…?” Hannity pressed."
    const verb = tokens[k];
    const after = tokens[k + 1];
    if (verb && !verb.cap && verb.quote < 0 && /^\p{Ll}+(?:ed|s)$/u.test(verb.text) && !NOT_SPEECH.has(verb.lower) && (!after || after.quote >= 0 || /^[.,:;!?]$/.test(after.text) || (after.lower === 'and' && /ed$/.test(verb.lower)))) {
      return { mention: m, cueAt: k, cue: verb.text };
    }
  }
  return describedWithPhrase(view, j, end);
}

/** A verb of saying with a subject before `to`: "Reyne told Harbor Radio that the mayor's comments “…”" is Reyne's. */
function reportedBefore(view: LineView, to: number, from: number): boolean {
  for (let c = to - 1; c >= from; c--) {
    const cue = cueAt(view.tokens, c);
    // "Moore called Mr. Obama's remarks “a wake-up call”": any verb of saying will do.
    // "The Democratic candidate blasted Trump's call for a “deportation force”": or a description, or a pronoun.
    if (cue && cue !== 'according to' && subjectBefore(view, c, from)) return true;
  }
  return false;
}

/** The subject of the last cue in a sentence (for a paragraph introduced by "Trump continued:"). */
export function lastCueSubject(view: LineView, sentence: Sentence): Attribution | null {
  const { tokens } = view;
  const last = tokens[sentence.last - 1];
  if (last?.text === ':') {
    const m = view.endingAt.get(sentence.last - 1);
    if (m && (m.first === sentence.first || tokens[m.first - 1]?.text === ',')) return { mention: m, cueAt: sentence.last - 1, cue: ':' };
  }
  // A verb of saying first ("Carter said that for decades some critics had been predicting …").
  for (const strongOnly of [true, false]) {
    for (let c = sentence.last - 1; c >= sentence.first; c--) {
      const cue = cueAt(tokens, c);
      if (!cue || (strongOnly && !STRONG_CUES.has(cue))) continue;
      // "…, telling Harbor Radio:": a participle shares the clause's subject, and whoever is told is no speaker.
      const participle = /ing$/.test(cue) && tokens[c - 1]?.text === ',';
      // "emails which included staff members suggesting …": a participle right after a noun qualifies it and
      // reports nothing the next paragraph goes on with.
      if (/ing$/.test(cue) && !participle && view.endingAt.has(c)) continue;
      const m =
        cue === 'according to'
          ? subjectAfter(view, c, sentence.last)
          : participle
            ? participleSubject(view, sentence.first, c)
            : (subjectBefore(view, c, sentence.first) ?? (OBJECT_CUES.has(cue) ? null : subjectAfter(view, c, sentence.last)));
      if (m) return { mention: m, cueAt: c, cue: tokens[c]!.text };
    }
  }
  return null;
}

/**
 * A quotation that names something rather than reports words: "a website called “…”", "known as “…”",
 * "a film titled “…”". Nobody is its speaker, whoever the sentence is about.
 */
export function isNaming(view: LineView, q: number): boolean {
  const { tokens } = view;
  let k = q - 1;
  if (/^(?:the|a|an)$/i.test(tokens[k]?.text ?? '')) k--;
  const verb = tokens[k];
  if (!verb || verb.quote >= 0) return false;
  if (NAMING_WORDS.has(verb.lower)) return true;
  // "known as", and with a word or two between: "known online as", "known to friends as".
  if (verb.lower === 'as') {
    for (let d = k - 1; d >= Math.max(0, k - 3); d--) {
      const t = tokens[d];
      if (!t || t.quote >= 0 || t.cap || !/^\p{Ll}+$/u.test(t.text)) return false;
      if (t.lower === 'known') return true;
    }
    return false;
  }
  if (!/^(?:called|dubbed|nicknamed)$/.test(verb.lower)) return false;
  // "the mayor has been called “…”": a passive with no one named as the caller only names.
  if (/^(?:is|are|was|were|be|been|being)$/.test(tokens[k - 1]?.lower ?? '') && tokens[q + 1]?.lower !== 'by' && tokens[q + 2]?.lower !== 'by') return true;
  if (verb.lower !== 'called') return false;
  // "a website called “…”": a participle after an indefinite noun, not "the campaign called it “…”".
  const noun = tokens[k - 1];
  if (!noun || noun.cap || noun.quote >= 0 || !/^\p{Ll}+$/u.test(noun.text) || view.endingAt.get(k)?.kind === 'pronoun') return false;
  for (let d = k - 2; d >= Math.max(0, k - 4); d--) {
    const t = tokens[d];
    if (!t || t.quote >= 0) return false;
    if (/^(?:a|an)$/i.test(t.text)) return true;
    if (!/^[\p{L}-]+$/u.test(t.text)) return false;
  }
  return false;
}
