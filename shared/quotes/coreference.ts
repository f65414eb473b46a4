/** Resolving speaker mentions: names to the document's entities, pronouns and nominals to a recent compatible one. */

import { DOCUMENTS } from './lexicon.ts';
import { isOrgHead, isPersonHead, type Entity, type EntityRegistry, type Mention } from './mentions.ts';

/** How far back (in sentences) a pronoun looks for its antecedent. */
const PRONOUN_REACH = 6;
/** How far back (in mentions) "the company" looks for the organisation it stands for. */
const NOMINAL_REACH = 40;

/** The entity of the last attributed quotation: a pronoun's fallback when no sentence offers an antecedent. */
export interface LastSpeaker {
  entity: Entity | null;
  sentence: number;
}

/**
 * Resolves one mention in place. `sentenceMentions` are the mentions of its own sentence (in order),
 * `history` every earlier mention of the document that resolved to something.
 */
export function resolveMention(
  m: Mention,
  sentenceMentions: readonly Mention[],
  history: readonly Mention[],
  registry: EntityRegistry,
  last: LastSpeaker,
): void {
  if (m.kind === 'named') {
    registry.register(m);
    const first = sentenceMentions.find((o) => o.partner === m);
    if (first) pairUp(first, m);
  } else if (m.kind === 'pronoun') {
    resolvePronoun(m, sentenceMentions, history, last, registry);
  } else if (isPersonHead(m.head) && !/s$/.test(m.head ?? '')) {
    // "the retired neurosurgeon", "a spokesman": a person the text does not name; a later "he" can point at it.
    m.entity = nominalEntity(m, true);
  } else if (m.definite && isOrgHead(m.head)) {
    // "the company" is the organisation last named as a subject (not "ran in Harbor News", not "her Wall
    // Street links"); "the newspaper", "the campaign" stay as written, since a paper or a campaign is
    // seldom the last organisation named before it.
    if (/^(?:company|firm|group)$/.test(m.head ?? '')) {
      // An organisation heading its sentence first ("Harbor Trust declined, telling Bay News that …"): the
      // one told is the object, and nearer, but not what "the group" goes on to speak for.
      let fallback: Entity | null = null;
      for (let k = history.length - 1; k >= 0 && k >= history.length - NOMINAL_REACH; k--) {
        const h = history[k]!;
        const e = h.oblique || h.modifier ? null : h.entity;
        if (!e || e.id < 0 || !e.org || e.place) continue;
        if (isSentenceSubject(h, history, k)) return assign(m, e);
        fallback ??= e;
      }
      if (fallback) return assign(m, fallback);
    }
    m.entity = nominalEntity(m, false);
  } else if (DOCUMENTS.has(m.head ?? '') && !isPluralHead(m.head)) {
    // "The email includes a photo … At the bottom it reads": a document an it can stand for.
    m.entity = { ...nominalEntity(m, false), org: false, document: true };
  } else if (isPluralHead(m.head)) {
    // "the protesters", "Top Pell strategists": a group a later they can stand for.
    m.entity = { ...nominalEntity(m, false), org: false, plural: true };
  }
}

/** The first mention of its sentence that is neither a preposition's object nor a noun's modifier. */
function isSentenceSubject(h: Mention, history: readonly Mention[], at: number): boolean {
  for (let k = at - 1; k >= 0 && history[k]!.sentence === h.sentence; k--) {
    const o = history[k]!;
    if (!o.oblique && !o.modifier) return false;
  }
  return true;
}

const isPluralHead = (head: string | undefined): boolean => head !== undefined && (/[^s]s$/.test(head) || /^(?:people|men|women|children|police|spokespeople|crowd|audience)$/.test(head));

/** "Mr. Rubio and Mr. Cruz … they": two people named together speak together. */
function pairUp(first: Mention, second: Mention): void {
  const a = first.entity;
  const b = second.entity;
  if (!a || !b || a === b || a.person === false || b.person === false || (a.person !== true && b.person !== true)) return;
  const canonical = `${a.canonical} and ${b.canonical}`;
  first.pair = { id: -1, canonical, tokens: canonical.toLowerCase().split(/\s+/), person: false, org: false, place: false, gender: null, plural: true };
}

function resolvePronoun(m: Mention, sentenceMentions: readonly Mention[], history: readonly Mention[], last: LastSpeaker, registry: EntityRegistry): void {
  const p = m.pronoun;
  if (p === 'i' || p === undefined) return;
  const personal = p === 'm' || p === 'f';
  const ok = (e: Entity | null): e is Entity => {
    if (!e || e.place) return false;
    if (personal) {
      // A bare capitalised word ("Bollywood", "EST") is no one's antecedent until it has spoken.
      const plausible = e.person === true || (e.person === null && (e.spoke === true || e.tokens.length > 1) && !/^\p{Lu}+s?$/u.test(e.canonical));
      return plausible && (e.gender === null || e.gender === p);
    }
    if (p === 'n') return e.document === true || (e.person !== true && (e.org || e.person === null));
    return e.org || e.plural === true;
  };
  // The same test as a plain boolean: `ok` narrows its argument, so `!ok(own)` would leave `own` as never.
  const fits = (e: Entity): boolean => ok(e);
  // "Clinton … she": a bare surname shared by two people is the one whose gender fits.
  const namesake = (h: Mention): Entity | null => {
    const own = h.entity;
    // "Mrs. Clinton" names her gender outright: she has no namesake for a he.
    if (!personal || h.kind !== 'named' || !own || fits(own) || own.gender === null || /^(?:Mr|Mrs|Ms|Miss)\.?\s/.test(h.surface)) return null;
    const words = h.surface.toLowerCase().split(/\s+/).filter((w) => own.tokens.includes(w));
    if (words.length !== 1) return null;
    for (let k = registry.entities.length - 1; k >= 0; k--) {
      const e = registry.entities[k]!;
      if (e !== own && e.tokens.includes(words[0]!) && e.gender !== null && ok(e)) return e;
    }
    return null;
  };
  const entityOf = (h: Mention): Entity | null => (personal && h.modifier ? null : p === 'p' && h.pair ? h.pair : ok(h.entity) ? h.entity : namesake(h));
  // The subject of the same sentence, then the subjects of earlier sentences, nearest first.
  for (const other of sentenceMentions) {
    if (other === m) break;
    const e = other.oblique ? null : entityOf(other);
    if (e) return assign(m, e, true);
  }
  for (let k = history.length - 1, seen = 0; k >= 0 && seen < PRONOUN_REACH; seen++) {
    const sentence = history[k]!.sentence;
    let subject: Entity | null = null;
    let object: Entity | null = null;
    for (; k >= 0 && history[k]!.sentence === sentence; k--) {
      const h = history[k]!;
      const e = entityOf(h);
      if (!e) continue;
      // "Regarding Kestrel's speech, Woods shared her view": an owner, like a prepositional object, is rarely
      // the one a pronoun goes back to.
      if (h.oblique || h.head === "'s") object = e;
      else subject = e;
    }
    const pick = subject ?? object;
    if (pick) return assign(m, pick, false);
  }
  if (ok(last.entity)) assign(m, last.entity, false);
}

/** An entity standing for a description, named as written: "the retired neurosurgeon", "the newspaper". */
function nominalEntity(m: Mention, person: boolean): Entity {
  // "a 29-year-old Berlin woman", "the spokesman": the head says the gender.
  const head = m.head ?? '';
  const gender = !person ? null : /woman$/.test(head) ? 'f' : /man$/.test(head) ? 'm' : null;
  return { id: -1, canonical: m.surface, tokens: m.surface.toLowerCase().split(/\s+/), person, org: !person, place: false, gender };
}

/**
 * Points `m` at `e`. A he or she found in the same sentence as its antecedent also tells that antecedent's
 * gender; one found further back is a guess, and a wrong guess would turn every later pronoun away.
 */
function assign(m: Mention, e: Entity, learn = false): void {
  m.entity = e;
  if (learn && (m.pronoun === 'm' || m.pronoun === 'f') && !e.gender && e.person !== false) {
    e.gender = m.pronoun;
    e.person = true;
  }
}
