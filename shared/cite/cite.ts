/**
 * Citations of a capture (and of one quote in it) in the formats researchers paste into their work:
 * BibTeX (biblatex `@online`), CSL-JSON, RIS, APA and MLA text, and a Robust Links HTML anchor.
 */

import type { CaptureRecord, StoredQuote } from '../domain/capture.ts';
import { escapeHtml } from '../usecases/render-snapshot.ts';

export const CITATION_FORMATS = ['bibtex', 'csl-json', 'ris', 'apa', 'mla', 'robustlinks'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export const CITATION_CONTENT_TYPES: Record<CitationFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  apa: 'text/plain; charset=utf-8',
  mla: 'text/plain; charset=utf-8',
  robustlinks: 'text/html; charset=utf-8',
};

/** What a citation is built from. */
export interface CitationSource {
  id: string;
  title: string;
  authors: string[];
  siteName: string | null;
  /** ISO date or date-time, as extracted; null when the page did not say. */
  publishedAt: string | null;
  originalUrl: string;
  /** The permanent snapshot URL (or the quote's permalink for a quote citation). */
  archiveUrl: string;
  capturedAt: string;
  quote?: { text: string; speaker: string | null; index: number };
}

export function citationSource(record: CaptureRecord, base: string, quote?: StoredQuote): CitationSource {
  const capture = `${base}/v1/captures/${encodeURIComponent(record.id)}`;
  return {
    id: record.id,
    title: record.metadata?.title?.trim() || record.url,
    authors: (record.metadata?.authors ?? []).map((a) => a.trim()).filter(Boolean),
    siteName: record.metadata?.siteName?.trim() || null,
    publishedAt: record.metadata?.publishedAt ?? null,
    originalUrl: record.url,
    archiveUrl: quote ? `${capture}/quotes/${quote.index}` : `${capture}/snapshot`,
    capturedAt: record.fetchedAt ?? record.createdAt,
    ...(quote ? { quote: { text: quote.text, speaker: quote.speaker, index: quote.index } } : {}),
  };
}

export function isCitationFormat(value: string): value is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(value);
}

export function cite(source: CitationSource, format: CitationFormat): string {
  switch (format) {
    case 'bibtex':
      return bibtex(source);
    case 'csl-json':
      return `${JSON.stringify([cslJson(source)], null, 2)}\n`;
    case 'ris':
      return ris(source);
    case 'apa':
      return `${apa(source)}\n`;
    case 'mla':
      return `${mla(source)}\n`;
    case 'robustlinks':
      return `${robustLink(source)}\n`;
  }
}

// ---------------------------------------------------------------- names and dates

interface Name {
  family?: string;
  given?: string;
  /** An organisation, or a name we cannot split safely. */
  literal?: string;
}

/** Split "Maria Okafor" into given and family; anything unusual is kept whole as a literal. */
export function splitName(name: string): Name {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.includes(',')) {
    const [family, given] = clean.split(',', 2).map((part) => part.trim());
    return family && given ? { family, given } : { literal: clean };
  }
  const parts = clean.split(' ');
  const isParticle = (part: string) => PARTICLES.has(part.toLowerCase()) && part === part.toLowerCase();
  if (parts.length < 2 || parts.length > 5 || !parts.every((p) => /^\p{Lu}/u.test(p) || isParticle(p)) || isParticle(parts[0]!)) {
    return { literal: clean };
  }
  // Lower-case particles before the surname belong to it: "Jean-Luc de la Tour" -> family "de la Tour".
  let split = parts.length - 1;
  while (split > 1 && isParticle(parts[split - 1]!)) split--;
  return { given: parts.slice(0, split).join(' '), family: parts.slice(split).join(' ') };
}

const PARTICLES = new Set(['de', 'del', 'della', 'der', 'van', 'von', 'da', 'di', 'du', 'la', 'le', 'ten', 'ter', 'bin', 'al']);

/** [year, month, day] from an ISO date (month/day omitted when absent). */
function dateParts(iso: string | null): number[] | undefined {
  const match = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null;
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter((p): p is string => p !== undefined).map(Number);
}

const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_MLA = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

// ---------------------------------------------------------------- BibTeX

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** Escape text for a braced BibTeX field: specials become commands, so braces always balance. */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}$&%#_^~]/g, (c) => BIBTEX_SPECIALS[c]!).replace(/\s+/g, ' ');
}

/** URLs go in verbatim fields: only braces and whitespace would break them, and those get percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\s\\]/g, (c) => encodeURIComponent(c));
}

function bibtexName(name: string): string {
  const split = splitName(name);
  // A literal (an organisation) is protected by braces so BibTeX does not split it into first/last.
  if (split.literal !== undefined) return `{${escapeBibtex(split.literal)}}`;
  return `${escapeBibtex(split.family!)}, ${escapeBibtex(split.given!)}`;
}

function bibtexKey(source: CitationSource): string {
  const who = source.authors[0] ? (splitName(source.authors[0]).family ?? source.authors[0]) : source.siteName ?? 'verbatim';
  const year = dateParts(source.publishedAt)?.[0] ?? dateParts(source.capturedAt)?.[0] ?? '';
  const word = source.title.split(/\s+/).find((w) => w.length > 3) ?? 'capture';
  const ascii = (text: string) => text.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  // The capture id's tail keeps two captures of one article (a researcher citing both versions) apart.
  const capture = ascii(source.id.slice(-6));
  return `${ascii(who)}${year}${ascii(word)}_${capture}${source.quote ? `_q${source.quote.index}` : ''}`;
}

function bibtex(source: CitationSource): string {
  const fields: Array<[string, string]> = [];
  if (source.authors.length) fields.push(['author', source.authors.map(bibtexName).join(' and ')]);
  fields.push(['title', escapeBibtex(source.title)]);
  if (source.siteName) fields.push(['organization', escapeBibtex(source.siteName)]);
  if (source.publishedAt) fields.push(['date', dateParts(source.publishedAt)!.map((p) => String(p).padStart(2, '0')).join('-')]);
  fields.push(['url', bibtexUrl(source.originalUrl)]);
  fields.push(['urldate', isoDay(source.capturedAt)]);
  const archived = `Archived by Verbatim on ${isoDay(source.capturedAt)} at \\url{${bibtexUrl(source.archiveUrl)}}`;
  fields.push(['note', archived]);
  if (source.quote) {
    const who = source.quote.speaker ? `${escapeBibtex(source.quote.speaker)}: ` : '';
    fields.push(['addendum', `Quotation ${source.quote.index}: ${who}\\enquote{${escapeBibtex(source.quote.text)}}`]);
  }
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@online{${bibtexKey(source)},\n${body}\n}\n`;
}

// ---------------------------------------------------------------- CSL-JSON

/** A CSL-JSON item (schema: citation-style-language/schema csl-data.json). */
export function cslJson(source: CitationSource): Record<string, unknown> {
  const published = dateParts(source.publishedAt);
  const captured = dateParts(source.capturedAt)!;
  const item: Record<string, unknown> = {
    id: source.quote ? `${source.id}-q${source.quote.index}` : source.id,
    type: source.siteName ? 'article-newspaper' : 'webpage',
    title: source.title,
    URL: source.originalUrl,
    accessed: { 'date-parts': [captured] },
    archive: 'Verbatim',
    archive_location: source.archiveUrl,
  };
  if (source.authors.length) item.author = source.authors.map(splitName);
  if (source.siteName) item['container-title'] = source.siteName;
  if (published) item.issued = { 'date-parts': [published] };
  if (source.quote) item.note = `${source.quote.speaker ? `${source.quote.speaker}: ` : ''}“${source.quote.text}”`;
  return item;
}

// ---------------------------------------------------------------- RIS

/** RIS values are one line each: no line breaks, no control characters, at most 255 characters. */
function risValue(text: string, max = 255): string {
  const clean = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function risDate(iso: string): string {
  const parts = dateParts(iso) ?? [];
  return [parts[0] ?? '', String(parts[1] ?? '').padStart(parts[1] ? 2 : 0, '0'), String(parts[2] ?? '').padStart(parts[2] ? 2 : 0, '0'), ''].join('/');
}

function ris(source: CitationSource): string {
  const lines: Array<[string, string]> = [['TY', source.siteName ? 'NEWS' : 'ELEC']];
  for (const author of source.authors) {
    const name = splitName(author);
    lines.push(['AU', name.literal ?? `${name.family}, ${name.given}`]);
  }
  lines.push(['TI', source.title]);
  if (source.siteName) lines.push(['T2', source.siteName]);
  if (source.publishedAt) {
    lines.push(['PY', String(dateParts(source.publishedAt)![0])]);
    lines.push(['DA', risDate(source.publishedAt)]);
  }
  lines.push(['UR', source.originalUrl]);
  lines.push(['Y2', risDate(source.capturedAt)]);
  lines.push(['DB', 'Verbatim']);
  lines.push(['N1', `Archived copy: ${source.archiveUrl}`]);
  if (source.quote) lines.push(['N1', `${source.quote.speaker ? `${source.quote.speaker}: ` : ''}“${source.quote.text}”`]);
  lines.push(['ER', '']);
  // URLs may be longer than 255 characters; RIS readers accept long UR lines.
  return `${lines.map(([tag, value]) => `${tag}  - ${risValue(value, tag === 'UR' || tag === 'N1' ? 4096 : 255)}`).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- APA and MLA (plain text)

function apaAuthor(name: string): string {
  const split = splitName(name);
  if (split.literal !== undefined) return split.literal;
  const initials = split
    .given!.split(/\s+/)
    .map((word) => word.split('-').filter(Boolean).map((p) => `${p[0]}.`).join('-'))
    .join(' ');
  return `${split.family}, ${initials}`;
}

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]}${and === '&' ? ', & ' : ` ${and} `}${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${and} ${items[items.length - 1]}`;
}

function apa(source: CitationSource): string {
  const parts = dateParts(source.publishedAt);
  const date = parts ? `(${[parts[0], parts[1] ? `${MONTHS_LONG[parts[1] - 1]}${parts[2] ? ` ${parts[2]}` : ''}` : ''].filter(Boolean).join(', ')})` : '(n.d.)';
  const captured = dateParts(source.capturedAt)!;
  const lead = source.authors.length ? `${joinList(source.authors.map(apaAuthor), '&')} ${date}.` : `${source.title}. ${date}.`;
  const title = source.authors.length ? ` ${source.title}.` : '';
  const site = source.siteName ? ` ${source.siteName}.` : '';
  const quote = source.quote ? ` Quotation: ${source.quote.speaker ? `${source.quote.speaker}, ` : ''}“${source.quote.text}”.` : '';
  return `${lead}${title}${site} ${source.originalUrl} (archived ${MONTHS_LONG[captured[1]! - 1]} ${captured[2]}, ${captured[0]}, at ${source.archiveUrl})${quote}`.replace(/\s+/g, ' ');
}

function mla(source: CitationSource): string {
  const names = source.authors.map(splitName);
  let who = '';
  if (names.length === 1) who = names[0]!.literal ?? `${names[0]!.family}, ${names[0]!.given}`;
  else if (names.length === 2) who = `${names[0]!.literal ?? `${names[0]!.family}, ${names[0]!.given}`}, and ${source.authors[1]}`;
  else if (names.length > 2) who = `${names[0]!.literal ?? `${names[0]!.family}, ${names[0]!.given}`}, et al`;
  const mlaDate = (iso: string | null) => {
    const p = dateParts(iso);
    if (!p) return '';
    return [p[2], p[1] ? MONTHS_MLA[p[1] - 1] : undefined, p[0]].filter((x) => x !== undefined).join(' ');
  };
  const published = mlaDate(source.publishedAt);
  const segments = [
    who ? `${who}.` : '',
    `“${source.title}.”`,
    [source.siteName, published, source.originalUrl.replace(/^https?:\/\//, '')].filter(Boolean).join(', ') + '.',
    `Archived by Verbatim, ${mlaDate(source.capturedAt)}, ${source.archiveUrl}.`,
    source.quote ? `Quotation${source.quote.speaker ? ` by ${source.quote.speaker}` : ''}: “${source.quote.text}”` : '',
  ];
  return segments.filter(Boolean).join(' ').replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------- Robust Links

/** A Robust Link (robustlinks.mementoweb.org): the memento's href, with the original URL and its datetime. */
function robustLink(source: CitationSource): string {
  return (
    `<a href="${escapeHtml(source.archiveUrl)}" data-originalurl="${escapeHtml(source.originalUrl)}" ` +
    `data-versionurl="${escapeHtml(source.archiveUrl)}" data-versiondate="${escapeHtml(new Date(source.capturedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'))}">${escapeHtml(source.title)}</a>`
  );
}
