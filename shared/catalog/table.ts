/**
 * The catalogue's single-table design, shared by the DynamoDB adapter, the local emulator set-up and the
 * CDK stack so the three can never disagree. Every access pattern of the API is a Query; none is a Scan.
 *
 * | item           | pk         | sk           | index: partition / sort                                   |
 * |----------------|------------|--------------|-----------------------------------------------------------|
 * | capture record | CAPTURE#id | RECORD       | byUrl:       URL#<canonical url>  / <createdAt>#<id>      |
 * |                |            |              | byMonth:     MONTH#<yyyy-mm>      / <createdAt>#<id>      |
 * |                |            |              | bySite:      SITE#<host>          / <createdAt>#<id>      |
 * |                |            |              | byPublished: PUBLISHED#<yyyy-mm>  / <publishedAt>#<id>    |
 * | quote          | CAPTURE#id | QUOTE#<nnnn> | byName:      SPEAKER#<name key>   / <capturedAt>#<id>#<n> |
 * | author link    | CAPTURE#id | AUTHOR#<nn>  | byName:      AUTHOR#<name key>    / <createdAt>#<id>#<n>  |
 *
 * Month buckets keep the by-date indexes free of hot partitions; a date-range query walks the months of
 * its range, newest first. Quotes and author links live in their capture's partition, so one Query lists
 * a capture's quotes in order; the byName index finds a speaker's quotes or an author's captures.
 */

export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

export const GSI_BY_URL = { name: 'byUrl', partition: 'gsi1pk', sort: 'gsi1sk' } as const;
export const GSI_BY_NAME = { name: 'byName', partition: 'gsi2pk', sort: 'gsi2sk' } as const;
export const GSI_BY_MONTH = { name: 'byMonth', partition: 'gsi3pk', sort: 'gsi3sk' } as const;
export const GSI_BY_SITE = { name: 'bySite', partition: 'gsi4pk', sort: 'gsi4sk' } as const;
export const GSI_BY_PUBLISHED = { name: 'byPublished', partition: 'gsi5pk', sort: 'gsi5sk' } as const;

export const GLOBAL_INDEXES = [GSI_BY_URL, GSI_BY_NAME, GSI_BY_MONTH, GSI_BY_SITE, GSI_BY_PUBLISHED] as const;

export const KEY_ATTRIBUTES = [
  TABLE_KEYS.partition,
  TABLE_KEYS.sort,
  ...GLOBAL_INDEXES.flatMap((index) => [index.partition, index.sort]),
];

/** How a person's name is matched: case, accents and punctuation do not matter. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A site is its host name, lower-case, without a leading `www.`. */
export function siteKey(hostOrUrl: string): string {
  const host = hostOrUrl.includes('://') ? new URL(hostOrUrl).hostname : hostOrUrl.trim().toLowerCase();
  return host.replace(/^www\./, '').replace(/\.$/, '');
}

/** A publication date as a sortable UTC instant (or plain date when the page gives only a date). */
export function sortableDate(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function pad(index: number, width = 4): string {
  return String(index).padStart(width, '0');
}

export const keys = {
  capture: (id: string) => ({ pk: `CAPTURE#${id}`, sk: 'RECORD' }),
  url: (canonicalUrl: string) => `URL#${canonicalUrl}`,
  month: (isoMonth: string) => `MONTH#${isoMonth}`,
  site: (host: string) => `SITE#${siteKey(host)}`,
  published: (isoMonth: string) => `PUBLISHED#${isoMonth}`,
  speaker: (name: string) => `SPEAKER#${nameKey(name)}`,
  author: (name: string) => `AUTHOR#${nameKey(name)}`,
  quote: (id: string, index: number) => ({ pk: `CAPTURE#${id}`, sk: `QUOTE#${pad(index)}` }),
  authorLink: (id: string, index: number) => ({ pk: `CAPTURE#${id}`, sk: `AUTHOR#${pad(index, 2)}` }),
};
