/**
 * The catalogue's single-table design, shared by the DynamoDB adapter, the local emulator set-up and the
 * CDK stack so the three can never disagree.
 *
 * | item            | pk          | sk           | gsi1pk (byUrl)      | gsi1sk              |
 * |-----------------|-------------|--------------|---------------------|---------------------|
 * | capture record  | CAPTURE#id  | RECORD       | URL#<canonical url> | <createdAt>#<id>    |
 */

export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

export const GSI_BY_URL = { name: 'byUrl', partition: 'gsi1pk', sort: 'gsi1sk' } as const;

export const GLOBAL_INDEXES = [GSI_BY_URL] as const;

export const keys = {
  capture: (id: string) => ({ pk: `CAPTURE#${id}`, sk: 'RECORD' }),
  captureByUrl: (canonicalUrl: string, createdAt: string, id: string) => ({
    gsi1pk: `URL#${canonicalUrl}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
};
