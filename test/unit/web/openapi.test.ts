import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/api/openapi.ts';
import { seededArchive } from '../memento/seed.ts';

/** Hono's `/v1/captures/:id` and `/timegate/*` as OpenAPI paths. */
function toOpenApiPath(path: string): string {
  return path.replace(/\/:([A-Za-z]+)/g, '/{$1}').replace(/\/\*$/, '/{originalUrl}');
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    const { app } = seededArchive();
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as any;
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://localhost' }]);
    expect(document.info.title).toBe('Verbatim');
  });

  it('describes every route registered on the app, with its method', () => {
    const { app } = seededArchive();
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const routes = app.routes.filter((route) => route.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((route) => !paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('resolves every $ref and declares every path parameter', () => {
    const document = openApiDocument() as any;
    const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    for (const ref of refs) expect(document.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
    for (const [path, item] of Object.entries<any>(document.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values<any>(item)) {
        const declared = (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(declared.sort(), `${path}`).toEqual([...names].sort());
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
  });

  it('documents the listing filters and the export stream', () => {
    const document = openApiDocument() as any;
    const listing = document.paths['/v1/captures'].get.parameters.map((p: any) => p.name);
    expect(listing).toEqual(['url', 'site', 'author', 'from', 'to', 'publishedFrom', 'publishedTo', 'limit', 'cursor']);
    expect(Object.keys(document.paths['/v1/export'].get.responses['200'].content)).toEqual(['application/x-ndjson']);
  });
});
