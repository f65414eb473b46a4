/** Speaker mentions (names, pronouns, nominals) in the reporter's text, and the entities they refer to. */

import {
  CAPITALIZED_STOPWORDS,
  DETERMINERS,
  NOMINAL_HEADS,
  ORG_HEADS,
  ORG_WORDS,
  PERSON_HEADS,
  PERSON_TITLES,
  PLACES,
  PRONOUNS,
  ROLE_NOUNS,
  WEEKDAYS_MONTHS,
  CUE_VERBS,
} from './lexicon.ts';
import type { Token } from './tokens.ts';

export type Gender = 'm' | 'f';

export interface Entity {
  id: number;
  /** The fullest name the text gives it, without titles ("Shalev Hulio", "NSO Group"). */
  canonical: string;
  tokens: string[];
  person: boolean | null;
  org: boolean;
  place: boolean;
  gender: Gender | null;
  /** How many times a name in the text has referred to it. */
  named?: number;
  /** Has been the speaker of a quotation already: a person (or body) that talks. */
  spoke?: boolean;
  /** Several people or bodies described together ("the protesters"): a they, never a he or she. */
  plural?: boolean;
  /** A text that says things ("the email", "the letter"): an it, never a he or she. */
  document?: boolean;
}

export interface Mention {
  kind: 'named' | 'pronoun' | 'nominal';
  /** Token range [first, last) in the line's tokens. */
  first: number;
  last: number;
  surface: string;
  /** Pronoun class, for pronouns. */
  pronoun?: 'm' | 'f' | 'n' | 'p' | 'i';
  /** Nominal head noun, for nominals. */
  head?: string;
  definite?: boolean;
  entity: Entity | null;
  /** Absolute sentence number in the document, for recency. */
  sentence: number;
  /** Object of a preposition ("in Alexandria", "to Trump"): seldom the one a pronoun points back to. */
  oblique?: boolean;
  /** The name joined to this one by "and" ("Rubio and Cruz"), and the pair as one speaker, once resolved. */
  partner?: Mention;
  pair?: Entity;
  /** A name qualifying a noun ("her New Year speech"): no one a he or she points back to. */
  modifier?: boolean;
}

const CONNECTORS = new Set(['of', 'for', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'bin', 'al', 'and', '&', 'da', 'du', 'on']);
const FUNCTION_CAPS = new Set(['The', 'A', 'An', 'But', 'And', 'Or', 'So', 'In', 'On', 'At', 'For', 'By', 'From', 'With', 'As', 'If', 'When', 'While', 'After', 'Before', 'Since', 'Because', 'Although', 'Though', 'Then', 'Now', 'Yet', 'To', 'Of', 'Still', 'Also', 'Even', 'Meanwhile', 'However', 'Instead', 'Asked', 'According', 'During', 'Under', 'Over', 'Like', 'Unlike', 'Last', 'Earlier', 'Later', 'Once', 'Throughout', 'Otherwise', 'Indeed', 'Often', 'Already', 'Finally', 'Soon', 'Today', 'Here', 'There', 'Perhaps', 'Rather', 'Besides', 'Despite', 'Nonetheless', 'Nevertheless', 'Regardless', 'Similarly', 'Likewise', 'Ultimately', 'Eventually', 'Currently', 'Recently', 'Previously', 'Again', 'Next', 'Beyond', 'Amid', 'Among', 'Until', 'Unless', 'Whether', 'Whatever', 'Whenever', 'Wherever', 'Why', 'How', 'What', 'Where', 'Who', 'Which', 'Thus', 'Hence', 'Plus', 'Also', 'Only', 'Just', 'Even', 'Almost', 'Nearly', 'About', 'Around', 'Above', 'Below', 'Across', 'Along', 'Behind', 'Inside', 'Outside', 'Within', 'Without', 'Toward', 'Towards', 'Upon', 'Via', 'Per', 'Both', 'Either', 'Neither', 'Every', 'Each', 'Such', 'Many', 'Most', 'Some', 'Several', 'Few', 'Other', 'Another', 'Himself', 'Herself', 'Themselves', 'Itself', 'Yourself', 'Ourselves', 'Myself']);
const FEMALE_NAMES = new Set(
  'hillary chelsea kellyanne nancy elizabeth sarah michelle carly debbie katrina huma jennifer donna megyn kayleigh susan maria amy melania ivanka laura ann anne mary linda karen lisa barbara patricia jessica emily ashley rachel rebecca katie kate hannah claire jane julie heather nicole stephanie samantha kathleen kristen angela catherine katherine marie jill joni kirsten tammy nikki condoleezza loretta sally janet kamala marsha dianne diane cheryl shannon andrea erin megan jen jo judith joanna ruth hilary theresa teresa margaret madeleine madeline brooke tara keisha valerie sheila sylvia omarosa betsy amanda angela anna betty beverly brenda carol carolyn christina christine cynthia deborah denise diana doris dorothy evelyn frances gloria grace helen irene jacqueline janice jean joan joyce judy julia kathryn kimberly lauren lori marilyn martha melissa mildred nancy pamela paula phyllis rose sara sharon shirley stephanie tina victoria virginia wanda alexandria alice allison april beth bonnie carla carmen charlotte claudia colleen courtney dolores eileen elaine ellen emma erica eva gabrielle gail gina gretchen holly isabel jasmine jenna jennifer josephine juanita kara kristin leah lillian linda mackenzie madison maggie marcia margaret marsha maxine meghan melinda mia michele mindy molly monica natalie nina nora olivia peggy priscilla rachel renee rita roberta rosa ruby sabrina sandra sonia stacy susana tamara tanya tiffany valerie vanessa vera wendy yvonne zoe ayanna ilhan alexandria tulsi kirstjen nikki condoleezza sheryl oprah beyonce louise eleanor abigail alicia alison amber audrey bridget caroline cassandra cecilia cecelia cindy clara connie daisy edith elena elise ella faith felicia fiona georgia gwen harriet hazel helena ingrid iris ivy jenny joanne jodi june kathy kristina lily lucy lydia margot marian marjorie marla maureen meredith miriam nadia naomi olga pam patti pauline penny polly rhonda roxanne shelley stella sue suzanne susanne terri trisha ursula vicky vivian yolanda rosario esther gladys mae norma agnes carrie crystal dawn debra deanna jeanne liz lorraine mandy marcy marianne melanie mona natasha nicola patty regina rosemary sherry sonya stacey tonya whitney'.split(' '),
);
const MALE_NAMES = new Set(
  'donald bill barack joe mike michael john james robert david richard george tom thomas paul mark steve steven chris christopher jeb ted marco ben bernie tim jim rudy newt reince sean corey paul mitch harry rand lindsey scott jeff jason eric dan daniel brian kevin matt matthew andrew peter jerry gary larry frank ron ronald rick jack bob charles carl josh joshua ryan adam samuel henry harold howard jesse roger vladimir hosni bashar anthony tony rex stephen jared jerome patrick jon jonathan greg gregory karl dick al martin luther franklin abraham ronald louis bobby anderson wolf lou aaron adrian alan albert alexander alfred andy antonio arthur austin barry benjamin bernard billy bradley brandon brent brett bruce bryan calvin cameron carlos chad clarence clifford cody colin craig curtis dale darrell darren dave dean dennis derek devin dominic don douglas duane dustin dwight earl ed eddie edward edwin elijah elliott emanuel ernest eugene evan floyd francis fred gabriel gavin gene gerald gilbert glenn gordon hank herbert herman howard hugh ian isaac ivan jacob jake jamal jared javier jay jeffrey jeremy jerome jimmy joel johnny jorge jose joseph juan julian justin keith ken kenneth kent kurt kyle lance leon leonard leroy lewis lloyd lonnie luis luke manuel marcus mario marvin maurice melvin miguel milton mitt morris nathan neil nicholas noah norman oliver oscar pablo pedro perry phil philip preston rafael ralph ramon randall randy raymond reggie reginald ricardo ricky roberto rodney roy russell salvador sergio seth shane shawn sidney stanley stuart theodore todd travis trey troy tyler vernon victor vincent wade walter warren wayne wesley willie xavier zachary newt reince mitch lindsey rand jeb marco ted bernie rudy corey stephen hakeem elijah cory beto rahm deval abe ahmed amir andre archie barney benny bert blake boris brad brendan brody bud byron caleb carlton cecil charlie chester chuck clark clay clint clyde cornel curt damon danny darius dexter dirk donnie doug duncan dylan eli elliot emmett enrique ernie ethan ezra felix fernando fidel florent freddie freddy gabe garrett geoffrey gil grady gus guy hal harvey hector herb hugo ike ira irving joaquin joey jonah judd kirk lamar lenny leo lester levi liam lyndon malcolm marc mel merle mickey mohammed muhammad moses myron nate ned nick nigel omar orrin otis owen pete quentin rhett richie rob robbie rod rodrigo roland rolando rupert russ saul seamus sebastian shaun sherrod sid simon sonny spencer stan stu sylvester terrence thad theo tod tommy trent ty tyrone ulysses vic vince vinny wally walt wes wilbur willard woody zach'.split(' '),
);

/** Kinship words before a name ("his wife, Jane"), with the gender they give it. */
const KIN_GENDER: ReadonlyMap<string, Gender> = new Map([
  ...'wife mother daughter sister widow girlfriend grandmother granddaughter niece aunt'.split(' ').map((w) => [w, 'f'] as const),
  ...'husband father son brother widower boyfriend grandfather grandson nephew uncle'.split(' ').map((w) => [w, 'm'] as const),
]);

const isName = (t: Token): boolean => t.cap && t.quote < 0 && t.text !== 'I' && !WEEKDAYS_MONTHS.has(t.text);

function stripPossessive(s: string): { name: string; possessive: boolean } {
  const m = /^(.*?)(?:['’]s|s['’])$/u.exec(s);
  if (m && m[1]) return { name: s.endsWith("s'") || s.endsWith('s’') ? s.slice(0, -1) : m[1], possessive: true };
  return { name: s, possessive: false };
}

/** Finds the mentions in tokens [first, last) of a line. */
export function findMentions(tokens: readonly Token[], first: number, last: number, sentence: number, common: { has(word: string): boolean }): Mention[] {
  const out: Mention[] = [];
  let i = first;
  while (i < last) {
    const t = tokens[i];
    if (!t || t.quote >= 0) {
      i++;
      continue;
    }
    // "He's claiming", "she'd said": the contraction keeps the pronoun.
    const bare = t.lower.replace(/['’](?:s|d|ll|re|ve|m)$/, '');
    const pronoun = PRONOUNS.get(bare);
    if (pronoun && (bare !== 'i' || /^I(?:['’]|$)/.test(t.text))) {
      out.push({ kind: 'pronoun', first: i, last: i + 1, surface: t.text, pronoun, entity: null, sentence });
      i++;
      continue;
    }
    // Determiner + modifiers + nominal head: "the company", "a senior campaign official".
    if (DETERMINERS.has(t.lower)) {
      const nominal = readNominal(tokens, i, last, sentence);
      if (nominal) {
        out.push(nominal);
        i = nominal.last;
        continue;
      }
    }
    // "One voter called it a mess. Another said …", "Others wrote …": a quantifier standing alone before
    // a verb of saying is a description of its own, not a gap for an earlier name to fill.
    const verb = tokens[i + 1];
    if (STANDALONE_QUANTIFIERS.has(t.lower) && verb && !verb.cap && verb.quote < 0 && CUE_VERBS.has(verb.lower)) {
      out.push({ kind: 'nominal', first: i, last: i + 1, surface: t.text, head: t.lower, definite: false, entity: null, sentence });
      i++;
      continue;
    }
    if (isName(t) && !(FUNCTION_CAPS.has(t.text) || (CAPITALIZED_STOPWORDS.has(t.text) && !PERSON_TITLES.has(t.text)))) {
      const named = readName(tokens, i, first, last, sentence, common);
      if (named) {
        out.push(possessiveNominal(tokens, named.mention, last) ?? named.mention);
        i = out[out.length - 1]!.last;
        continue;
      }
    } else if (isName(t) && PERSON_TITLES.has(t.text)) {
      const named = readName(tokens, i, first, last, sentence, common);
      if (named) {
        out.push(named.mention);
        i = named.next;
        continue;
      }
    } else if (!t.cap && NOMINAL_HEADS.has(t.lower) && /s$/.test(t.lower) && !/ss$/.test(t.lower)) {
      // A bare plural: "officials said", "sources told".
      let from = i;
      while (from > first && from > i - 2) {
        const p = tokens[from - 1];
        if (!p || p.quote >= 0 || DETERMINERS.has(p.lower) || CUE_VERBS.has(p.lower) || !/^[\p{L}-]+$/u.test(p.text) || /^(?:and|or|that|to|of|by|with|as|for|what|who|which|where|when|why|how|whether|if|than|is|are|was|were|perhaps|maybe)$/.test(p.lower) || /(?:ed|ing)$/.test(p.lower)) break;
        if (out.length && (out[out.length - 1]?.last ?? 0) > from - 1) break;
        from--;
      }
      const surface = tokens.slice(from, i + 1).map((x) => x.text).join(' ');
      out.push({ kind: 'nominal', first: from, last: i + 1, surface, head: t.lower, definite: false, entity: null, sentence });
      i++;
      continue;
    }
    i++;
  }
  for (let k = 0; k < out.length; k++) {
    const m = out[k]!;
    const before = tokens[m.first - 1];
    if (before && OBLIQUE_BEFORE.has(before.lower)) m.oblique = true;
    // "by Joe Arpaio, the Arizona sheriff,": an appositive shares its head's role in the clause.
    const head = out[k - 1];
    if (before?.text === ',' && head?.oblique && head.last === m.first - 1 && m.kind === 'nominal') m.oblique = true;
    // "In her 2003 book, Living History, Clinton noted": a name set off inside an opening phrase.
    const following = out[k + 1];
    if (before?.text === ',' && tokens[m.last]?.text === ',' && following?.kind === 'named' && following.first === m.last + 1 && OBLIQUE_BEFORE.has(tokens[first]?.lower ?? '')) m.oblique = true;
    if (m.kind === 'named' && head?.kind === 'named' && before?.lower === 'and' && head.last === m.first - 1) head.partner = m;
  }
  // "her New Year speech", "a Dunmore Rotary lodge": a name between an article and a noun only qualifies it.
  for (const m of out) {
    const det = tokens[m.first - 1];
    const noun = tokens[m.last];
    if (m.kind === 'named' && det && /^(?:a|an|the|his|her|its|their|our)$/.test(det.lower) && noun && !noun.cap && noun.quote < 0 && /^\p{Ll}+$/u.test(noun.text) && !CUE_VERBS.has(noun.lower) && !NOT_A_NOUN.test(noun.lower)) m.modifier = true;
  }
  // "Cruz spokesman Rick Tyler", "Former Obama spokesman Robert Gibbs": the first name only qualifies the role.
  for (let k = out.length - 2; k >= 0; k--) {
    const m = out[k]!;
    const role = tokens[m.last];
    const next = out[k + 1]!;
    if (m.kind === 'named' && role && !role.cap && ROLE_NOUNS.has(role.lower) && next.kind === 'named' && next.first === m.last + 1) out.splice(k, 1);
    // "Trump campaign spokesman Jason Miller": lower-case modifiers between the name and the role.
    else if (m.kind === 'named' && next.kind === 'named' && next.first > m.last + 1 && next.first <= m.last + 3) {
      const between = tokens.slice(m.last, next.first);
      const head = between[between.length - 1];
      if (head && ROLE_NOUNS.has(head.lower) && between.every((t) => !t.cap && t.quote < 0 && /^\p{Ll}+$/u.test(t.text))) out.splice(k, 1);
    }
  }
  // Party-and-state tags, "(R-Tex.)", and datelines, "MANCHESTER, N.H. -", are not mentions of anyone.
  return out.filter(
    (m) =>
      !(tokens[m.first - 1]?.text === '(' && m.kind === 'named' && /^[A-Z]-/.test(m.surface)) &&
      !(m.kind === 'named' && m.first === 0 && /^[\p{Lu}\s.]+$/u.test(m.surface) && tokens[m.last]?.text === ','),
  );
}

/** Words after "the Harbor Trust" that make it the subject of a verb, not a modifier of a noun. */
const NOT_A_NOUN = /^(?:did|does|do|has|had|have|is|was|were|are|will|would|can|could|should|may|might|must|also|not|never|then|still|which|who|that|and|or|but|\p{Ll}+ed)$/u;

/** Last words of a place's name; not Lake, Bay or Beach, which are also surnames. */
const PLACE_HEADS = new Set(['Republic', 'Kingdom', 'County', 'City', 'Province', 'Island', 'Islands', 'Valley', 'Coast', 'Peninsula', 'Territory', 'Territories', 'Strait']);

const STANDALONE_QUANTIFIERS = new Set(['another', 'others', 'some', 'several', 'many', 'both', 'most']);

const OBLIQUE_BEFORE = new Set(['in', 'at', 'from', 'of', 'to', 'for', 'with', 'by', 'on', 'into', 'about', 'against', 'near', 'than', 'like', 'under', 'over', 'toward', 'towards', 'across', 'between', 'among', 'versus', 'vs.', 'during', 'after', 'before', 'through']);

/** "Cruz's campaign", "Trump's spokesman": a possessive name heading a nominal. */
function possessiveNominal(tokens: readonly Token[], named: Mention, last: number): Mention | null {
  if (named.head !== "'s") return null;
  for (let j = named.last; j < Math.min(last, named.last + 3); j++) {
    const t = tokens[j];
    if (!t || t.cap || t.quote >= 0 || !/^[\p{Ll}-]+$/u.test(t.text)) return null;
    if (ORG_HEADS.has(t.lower) || PERSON_HEADS.has(t.lower)) {
      const surface = tokens.slice(named.first, j + 1).map((x) => x.text).join(' ');
      return { kind: 'nominal', first: named.first, last: j + 1, surface, head: t.lower, definite: true, entity: null, sentence: named.sentence };
    }
  }
  return null;
}

function readNominal(tokens: readonly Token[], at: number, last: number, sentence: number): Mention | null {
  const det = tokens[at];
  if (!det) return null;
  for (let j = at + 1; j < Math.min(last, at + 5); j++) {
    const t = tokens[j];
    // "a 29-year-old Berlin woman": a figure may qualify the head.
    if (!t || t.quote >= 0 || !/^(?:[\p{L}][\p{L}'’.-]*|\d+(?:-[\p{L}]+)+)$/u.test(t.text)) return null;
    // "her finger at an activist", "his candidacy for president": a preposition ends the phrase ("one of
    // the advisers" is still one).
    if (!t.cap && t.lower !== 'of' && OBLIQUE_BEFORE.has(t.lower)) return null;
    if (!t.cap && NOMINAL_HEADS.has(t.lower)) {
      // Compound nouns: "the campaign spokesman" takes the last head.
      const next = tokens[j + 1];
      if (next && !next.cap && next.quote < 0 && NOMINAL_HEADS.has(next.lower) && j + 1 < last) continue;
      let end = j + 1;
      // "the LinkedIn chief executive, Jeff Weiner" / "technology columnist David Auerbach": the name is the mention.
      const after = tokens[end];
      const after2 = tokens[end + 1];
      if (after && isName(after) && !CAPITALIZED_STOPWORDS.has(after.text)) return null;
      if (after?.text === ',' && after2 && isName(after2) && !CAPITALIZED_STOPWORDS.has(after2.text) && tokens[end + 2] && (isName(tokens[end + 2]!) || tokens[end + 2]!.text === ',')) return null;
      // "a spokesman for the campaign", "a spokeswoman for Trump"
      const prep = tokens[end];
      if (prep && (prep.lower === 'for' || prep.lower === 'of') && PERSON_HEADS.has(t.lower)) {
        let k = end + 1;
        if (tokens[k] && DETERMINERS.has(tokens[k]!.lower)) k++;
        const startK = k;
        while (k < last && tokens[k] && isName(tokens[k]!)) k++;
        if (k > startK) end = k;
      }
      const surface = tokens.slice(at, end).map((x) => x.text).join(' ').replace(/ ([’'])s\b/g, '$1s');
      const definite = /^(?:the|this|that|these|those|his|her|its|their|our)$/.test(det.lower);
      return { kind: 'nominal', first: at, last: end, surface, head: t.lower, definite, entity: null, sentence };
    }
    if (CUE_VERBS.has(t.lower) && !t.cap) return null;
  }
  return null;
}

function readName(tokens: readonly Token[], at: number, floor: number, last: number, sentence: number, common: { has(word: string): boolean }): { mention: Mention; next: number } | null {
  const opener = tokens[at];
  const prevToken = tokens[at - 1];
  const sentenceInitial = at === floor || (prevToken !== undefined && (prevToken.quote >= 0 || /^[“"‘(\u2014-]$/.test(prevToken.text)));
  // "Particularly", "Walking", "Don't" start a sentence with a capital but are ordinary words.
  const after = tokens[at + 1];
  const shapedLikeWord = /(?:ly|ing|n['’]t)$/.test(opener?.lower ?? '') || /^\p{L}{4,}ed$/u.test(opener?.lower ?? '');
  // "Small, who attended the rally, said": a capitalised word set off before "who" is someone's name.
  const spokenNext = (after !== undefined && !after.cap && CUE_VERBS.has(after.lower)) || (after?.text === ',' && tokens[at + 2]?.lower === 'who');
  // "Bill Ames said", "Mark Ruffin, a voter,": a known first name before a capitalised surname is the name's
  // start even when the text also uses it as a word ("the bill", "a mark"); dropping it would leave the
  // surname free to join a namesake ("Hillary Ames"). A role that is also a first name ("Dean Ames", the
  // dean) stays a title.
  const firstNameFirst = opener !== undefined && isKnownFirstName(opener.text) && !ROLE_NOUNS.has(opener.lower) && after !== undefined && isName(after) && /^\p{Lu}[\p{Ll}'’-]+$/u.test(after.text) && !FUNCTION_CAPS.has(after.text) && !CAPITALIZED_STOPWORDS.has(after.text);
  if (opener && sentenceInitial && !PERSON_TITLES.has(opener.text) && !spokenNext && !firstNameFirst && (common.has(opener.lower) || shapedLikeWord)) {
    const next = tokens[at + 1];
    if (!next || !isName(next)) return null;
    at++;
  }
  let j = at;
  const parts: string[] = [];
  let titled = false;
  let gender: Gender | null = null;
  while (j < last) {
    const t = tokens[j];
    if (!t || !isName(t) || !PERSON_TITLES.has(t.text)) break;
    titled = true;
    if (/^Mr\.?$/.test(t.text)) gender = 'm';
    if (/^(?:Mrs|Ms|Miss)\.?$/.test(t.text)) gender = 'f';
    j++;
  }
  // "Secretary of State John F. Kerry", "Secretary of Defense Ash Carter": an office, then the person's name.
  const office = tokens[j + 1];
  if (titled && tokens[j]?.lower === 'of' && office && isName(office) && [2, 3].every((d) => tokens[j + d] && isName(tokens[j + d]!) && !ORG_WORDS.has(tokens[j + d]!.text))) j += 2;
  // "Mr. King said": a title word with no name after it is the name.
  const afterTitles = tokens[j];
  if (j > at + 1 && !(afterTitles && isName(afterTitles)) && !/\.$/.test(tokens[j - 1]?.text ?? '.')) j--;
  let possessive = false;
  let ownNameEnd: number | null = null;
  while (j < last) {
    const t = tokens[j];
    if (!t) break;
    if (isName(t) || (parts.length > 0 && /^\p{Lu}\.$/u.test(t.text))) {
      const { name, possessive: pos } = stripPossessive(t.text);
      parts.push(name);
      j++;
      if (pos) {
        possessive = true;
        break;
      }
      continue;
    }
    // Connectors inside an organisation's name: "Department of Justice", "Citizens for Responsibility".
    const next = tokens[j + 1];
    if (parts.length > 0 && CONNECTORS.has(t.lower) && !t.cap && next && isName(next) && t.lower !== 'and' && t.lower !== 'on') {
      // "Senator Marco Rubio of Florida", "Ellis Grant of Harbor Capital": the mention runs on, but
      // the person's name ends before where they are from or work.
      if (t.lower === 'of' && ownNameEnd === null && isPersonName(parts, titled)) ownNameEnd = parts.length;
      parts.push(t.text);
      j++;
      continue;
    }
    if (parts.length > 0 && (t.text === 'Jr.' || t.text === 'Sr.' || t.text === 'III')) {
      j++;
      continue;
    }
    break;
  }
  // Trailing function words ("Trump But") never end a name.
  while (parts.length > 1 && FUNCTION_CAPS.has(parts[parts.length - 1] ?? '')) {
    parts.pop();
    j--;
  }
  if (parts.length === 0 || parts.length > 7) return null;
  if (ownNameEnd !== null && ownNameEnd < parts.length) parts.splice(ownNameEnd);
  // "Senate Majority Leader Mitch McConnell", "Ohio Gov. John Kasich": the name follows the last title.
  for (let k = parts.length - 2; k >= 0; k--) {
    if (PERSON_TITLES.has(parts[k] ?? '') && !parts.slice(k + 1).some((p) => ORG_WORDS.has(p) || CONNECTORS.has(p))) {
      parts.splice(0, k + 1);
      titled = true;
      break;
    }
  }
  // "Billionaire Donald Trump", "Former Pell Senior Adviser Aldo Fenn": capitalised words before a
  // known first name, one of them a role or an everyday word, describe the person; the name starts at the
  // first name ("Norbert Leo Dunst" keeps his).
  const firstAt = parts.findIndex((p, k) => k > 0 && k < parts.length - 1 && isKnownFirstName(p));
  // The words before may name where the role is held ("Senate Minority Whip Ada Lynd", "City Hall Chief of
  // Staff Ben Orr"), so long as the name from the first name on is a person's own and no "and" joins two.
  const described = parts.slice(0, Math.max(firstAt, 0)).some((p) => ROLE_NOUNS.has(p.toLowerCase()) || NOMINAL_HEADS.has(p.toLowerCase()) || common.has(p.toLowerCase()));
  const ownName = parts.slice(Math.max(firstAt, 0));
  const joined = parts.slice(0, Math.max(firstAt, 0)).some((p) => p === 'and' || p === '&');
  if (firstAt > 0 && described && !joined && !ownName.some((p) => ORG_WORDS.has(p) || CONNECTORS.has(p))) parts.splice(0, firstAt);
  if (parts.length === 1 && CAPITALIZED_STOPWORDS.has(parts[0] ?? '') && !ORG_WORDS.has(parts[0] ?? '')) return null;
  const before = tokens[at - 1];
  const before2 = tokens[at - 2];
  const surface = tokens.slice(at, j).map((x) => x.text).join(' ');
  const name = parts.join(' ');
  // "Harbor Foods, which opposed the bill": a name set off before "which" is a thing or a body, not a person;
  // before "who" it is a person.
  const relative = tokens[j]?.text === ',' ? tokens[j + 1]?.lower : undefined;
  const isOrg = parts.some((p) => ORG_WORDS.has(p)) || (before?.lower === 'the' && !titled) || /^\p{Lu}{2,}$/u.test(name) || (relative === 'which' && !titled && gender === null);
  // Several words in capitals ("MIDWAY ATOLL", "AT LEAST 10 KILLED"): a dateline or a shouted heading.
  // "Dominican Republic", "Atlantic City", "Orange County": a place word closing a name makes it a place.
  const placeHead = parts.length > 1 && PLACE_HEADS.has(parts[parts.length - 1] ?? '') && !titled && !isKnownFirstName(parts[0] ?? '');
  const isPlace = placeHead || parts.every((p) => PLACES.has(p) || CONNECTORS.has(p.toLowerCase())) || (parts.length > 1 && parts.every((p) => /^[\p{Lu}\d.'’-]+$/u.test(p)));
  const roleBefore = (before && !before.cap && ROLE_NOUNS.has(before.lower)) || (before2 && ROLE_NOUNS.has(before2.lower) && before && /^[\p{Ll}-]+$/u.test(before.text) && !['of', 'for', 'and', 'the'].includes(before.lower));
  // "Reyes's wife, Jane,", "her father Brad": a kinship word names a person and, often, a gender.
  const kin = before?.text === ',' ? before2 : before;
  const kinGender = kin && !kin.cap ? KIN_GENDER.get(kin.lower) : undefined;
  if (!gender && kinGender) gender = kinGender;
  const firstName = (parts[0] ?? '').toLowerCase();
  if (!gender && FEMALE_NAMES.has(firstName) && parts.length > 1) gender = 'f';
  if (!gender && MALE_NAMES.has(firstName) && parts.length > 1) gender = 'm';
  // "Ames, 33, said": an age set off after a name.
  const aged = tokens[j]?.text === ',' && /^\d{1,3}$/.test(tokens[j + 1]?.text ?? '') && /^[,.]$/.test(tokens[j + 2]?.text ?? '');
  const personLike = titled || roleBefore || aged || gender !== null || (relative === 'who' && !isOrg && !isPlace) || (parts.length >= 2 && parts.length <= 4 && !isOrg && !isPlace && parts.every((p) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(p) || /^\p{Lu}\.$/u.test(p)));
  const mention: Mention = {
    kind: 'named',
    first: at,
    last: j,
    surface,
    entity: {
      id: -1,
      canonical: name,
      tokens: name.toLowerCase().split(/\s+/),
      person: isOrg || isPlace ? false : personLike ? true : null,
      org: isOrg,
      place: isPlace,
      gender,
    },
    sentence,
  };
  if (possessive) mention.head = "'s";
  return { mention, next: j };
}

const isKnownFirstName = (word: string): boolean => MALE_NAMES.has(word.toLowerCase()) || FEMALE_NAMES.has(word.toLowerCase());

/** Words read so far as a person's own name, past any titles: "Gov. Ada E. Pryce", "Tomas Reyne". */
function isPersonName(parts: readonly string[], titled: boolean): boolean {
  let from = parts.length;
  while (from > 0 && !PERSON_TITLES.has(parts[from - 1] ?? '')) from--;
  const own = parts.slice(from);
  if (own.length === 0 || own.some((p) => ORG_WORDS.has(p) || PLACES.has(p))) return false;
  if (titled || from > 0 || isKnownFirstName(own[0] ?? '')) return true;
  return own.length >= 2 && own.every((p) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(p) || /^\p{Lu}\.$/u.test(p));
}

/** The document's entities: names merged when one is part of another ("Hulio" in "Shalev Hulio"). */
export class EntityRegistry {
  readonly entities: Entity[] = [];

  /** Replaces a named mention's provisional entity with the document entity it refers to. */
  register(mention: Mention): Entity | null {
    const provisional = mention.entity;
    if (mention.kind !== 'named' || !provisional || provisional.tokens.length === 0) return null;
    const tokens = provisional.tokens;
    // Part of a fuller name already seen ("Hulio" of "Shalev Hulio", "NSO" of "NSO Group"); a person's
    // name before an organisation's, so that "Trump" is not the Trump Foundation. Among several people
    // ("Ames" of Hillary Ames and of Bill Ames), the one the text names most often, the latest on a tie: a
    // relative or a namesake named once in passing does not take over the surname.
    const fits = (e: Entity): boolean => !e.org || provisional.org;
    let within: Entity | null = null;
    for (let k = this.entities.length - 1; k >= 0; k--) {
      const e = this.entities[k]!;
      if (!tokens.every((t) => e.tokens.includes(t)) || clashes(e, provisional)) continue;
      if (!within || (fits(e) && !fits(within)) || (fits(e) === fits(within) && timesNamed(e) > timesNamed(within))) within = e;
    }
    if (within) return refer(mention, within, provisional);
    for (let k = this.entities.length - 1; k >= 0; k--) {
      const e = this.entities[k]!;
      // The same person with a middle name or initial added ("Ada Lynd" ... "Ada M. Lynd"): one entity, still
      // called as first introduced.
      if (withMiddleName(e, provisional)) return refer(mention, e, provisional);
      // A first mention by surname, completed later ("Trump" ... "Donald Trump").
      // Once the surname has stood alone several times, only a name that is surely a person's (a first name or
      // title gives its gender) completes it: "Top Ames", "Given Ames" or "Western Ames" are not.
      const established = timesNamed(e) > 1 && provisional.gender === null;
      if (e.tokens.length === 1 && tokens.includes(e.tokens[0]!) && tokens[tokens.length - 1] === e.tokens[0] && provisional.person !== false && !clashes(e, provisional) && !established) {
        e.canonical = provisional.canonical;
        e.tokens = tokens;
        return refer(mention, e, provisional);
      }
    }
    provisional.id = this.entities.length;
    this.entities.push(provisional);
    return provisional;
  }
}

/** `mention` names `e` once more: what it says of the entity (a gender, a person) is added to it. */
function refer(mention: Mention, e: Entity, provisional: Entity): Entity {
  e.named = timesNamed(e) + 1;
  mergeEvidence(e, provisional);
  mention.entity = e;
  return e;
}

/** An entity is named once when it is registered. */
const timesNamed = (e: Entity): number => e.named ?? 1;

/** A person's name given again with a middle name or initial added: the same first and last names around it. */
function withMiddleName(e: Entity, named: Entity): boolean {
  const { tokens } = named;
  return e.tokens.length >= 2 && tokens.length > e.tokens.length && e.person === true && named.person !== false
    && tokens[0] === e.tokens[0] && tokens[tokens.length - 1] === e.tokens[e.tokens.length - 1]
    && e.tokens.every((t) => tokens.includes(t)) && !clashes(e, named);
}

/** "Mrs. Clinton" is not "Bill Clinton": a title or first name of the other gender keeps two people apart. */
const clashes = (a: Entity, b: Entity): boolean => a.gender !== null && b.gender !== null && a.gender !== b.gender;

function mergeEvidence(into: Entity, from: Entity): void {
  if (from.person === true && into.person === null) into.person = true;
  if (from.gender && !into.gender) into.gender = from.gender;
  if (from.org && into.person !== true) {
    into.org = true;
    into.person = false;
  }
}

export const isOrgHead = (head: string | undefined): boolean => head !== undefined && ORG_HEADS.has(head);
export const isPersonHead = (head: string | undefined): boolean => head !== undefined && PERSON_HEADS.has(head);
