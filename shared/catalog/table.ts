/**
 * The catalogue's single-table design, shared by the DynamoDB adapter, the local emulator set-up and the
 * CDK stack so the three can never disagree.
 *
 * | item            | pk          | sk           | gsi1pk (byUrl)      | gsi1sk              |
 * |-----------------|-------------|--------------|---------------------|---------------------|
 * | capture record  | CAPTURE#id  | RECORD       | URL#<canonical url> | <createdAt>#<id>    |
 *
 * | item            | pk          | sk           | gsi2pk (bySpeaker)  | gsi2sk                         |
 * |-----------------|-------------|--------------|---------------------|--------------------------------|
 * | quote           | CAPTURE#id  | QUOTE#<nnnn> | SPEAKER#<name key>  | <capturedAt>#<id>#<nnnn>       |
 *
 * Capture records are also in `byMonth` (gsi3pk = MONTH#<yyyy-mm>, gsi3sk = <createdAt>#<id>).
 *
 * Quotes live in their capture's partition (one Query lists them in order); the bySpeaker index finds a
 * speaker's quotes across captures, newest first, without a scan.
 */

export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

export const GSI_BY_URL = { name: 'byUrl', partition: 'gsi1pk', sort: 'gsi1sk' } as const;

export const GSI_BY_SPEAKER = { name: 'bySpeaker', partition: 'gsi2pk', sort: 'gsi2sk' } as const;

/** Every capture record, by the month it was created: recent captures without a scan or a hot partition. */
export const GSI_BY_MONTH = { name: 'byMonth', partition: 'gsi3pk', sort: 'gsi3sk' } as const;

export const GLOBAL_INDEXES = [GSI_BY_URL, GSI_BY_SPEAKER, GSI_BY_MONTH] as const;

/** How a speaker's name is matched: case, accents and spacing do not matter. */
export function speakerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const keys: {
  capture(id: string): { pk: string; sk: string };
  captureByUrl(canonicalUrl: string, createdAt: string, id: string): { gsi1pk: string; gsi1sk: string };
  captureByMonth(createdAt: string, id: string): { gsi3pk: string; gsi3sk: string };
  month(isoMonth: string): string;
  quote(id: string, index: number): { pk: string; sk: string };
  speaker(speaker: string): string;
  quoteBySpeaker(speaker: string, capturedAt: string, id: string, index: number): { gsi2pk: string; gsi2sk: string };
} = {
  capture: (id: string) => ({ pk: `CAPTURE#${id}`, sk: 'RECORD' }),
  captureByUrl: (canonicalUrl: string, createdAt: string, id: string) => ({
    gsi1pk: `URL#${canonicalUrl}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  captureByMonth: (createdAt: string, id: string) => ({ gsi3pk: keys.month(createdAt.slice(0, 7)), gsi3sk: `${createdAt}#${id}` }),
  month: (isoMonth: string) => `MONTH#${isoMonth}`,
  quote: (id: string, index: number) => ({ pk: `CAPTURE#${id}`, sk: `QUOTE#${pad(index)}` }),
  speaker: (speaker: string) => `SPEAKER#${speakerKey(speaker)}`,
  quoteBySpeaker: (speaker: string, capturedAt: string, id: string, index: number) => ({
    gsi2pk: keys.speaker(speaker),
    gsi2sk: `${capturedAt}#${id}#${pad(index)}`,
  }),
};

function pad(index: number): string {
  return String(index).padStart(4, '0');
}
