/** The OpenAPI 3.1 description of every route of the app, served at /openapi.json. */

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } });
const text = (type: string, description: string, schema: Json = { type: 'string' }): Json => ({ description, content: { [type]: { schema } } });
const error = (description: string): Json => json(ref('Error'), description);
const idParam: Json = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Capture id (a ULID).' };
const indexParam: Json = { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0 }, description: 'Quote index in text order.' };
const query = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({ name, in: 'query', required, description, schema });
const paging = [
  query('limit', 'Page size.', { type: 'integer', minimum: 1, maximum: 100 }),
  query('cursor', 'Opaque cursor from the previous page.'),
];
const originalUrlParam: Json = {
  name: 'originalUrl',
  in: 'path',
  required: true,
  description: 'The original URL, written as it is (unencoded, with its own slashes and query), e.g. `/timegate/https://example.com/a?b=1`; a percent-encoded URL is accepted too.',
  schema: { type: 'string' },
};
const searchParams = [
  query('url', 'Captures of this URL (matched after canonicalisation).'),
  query('site', 'Captures from this host.'),
  query('author', 'Captures with this author.'),
  query('from', 'Captured at or after (ISO 8601).', { type: 'string', format: 'date-time' }),
  query('to', 'Captured before (ISO 8601).', { type: 'string', format: 'date-time' }),
  query('publishedFrom', 'Published at or after (ISO 8601).', { type: 'string', format: 'date-time' }),
  query('publishedTo', 'Published before (ISO 8601).', { type: 'string', format: 'date-time' }),
];
const mementoHeaders: Json = {
  'Memento-Datetime': { description: 'When the page was fetched (RFC 1123); on done captures.', schema: { type: 'string' } },
  Link: { description: 'original, timegate and timemap links (RFC 7089); on done captures.', schema: { type: 'string' } },
};
const object = (description: string, type: string, extra: Json = {}): Json => ({
  get: {
    summary: description,
    parameters: [idParam],
    responses: {
      '200': { ...text(type, description, { type: 'string', format: 'binary' }), headers: { ...mementoHeaders, Digest: { schema: { type: 'string' } }, ETag: { schema: { type: 'string' } } } },
      '404': error('No such capture, or it is not done.'),
      '500': error('The stored object failed its fixity check.'),
    },
    ...extra,
  },
});
const html = (summary: string, parameters: Json[] = [], extra: Json = {}): Json => ({
  get: { summary, tags: ['web UI'], parameters, responses: { '200': text('text/html', 'An HTML page.'), ...extra } },
});

export function openApiDocument(serverUrl?: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Verbatim',
      version: '0.1.0',
      description:
        'A serverless archive for news articles: captures, clean snapshots, metadata, quotes, Memento (RFC 7089), citations and diffs. Submissions need an API key (`Authorization: Bearer <key>`); a deployment may require one for reads (`/v1/*`, `/timegate/*`, `/timemap/*`) too.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths: {
      '/health': { get: { summary: 'Liveness.', responses: { '200': json({ type: 'object', properties: { status: { const: 'ok' } } }, 'Up.') } } },
      '/v1/captures': {
        post: {
          summary: 'Submit a URL for capture.',
          security: [{ bearer: [] }],
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'Retry-safe submissions: the same key and body return the first capture.' }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('SubmitRequest') } } },
          responses: {
            '202': { ...json(ref('Submitted'), 'Queued.'), headers: { Location: { schema: { type: 'string' } } } },
            '200': json(ref('Submitted'), 'A recent capture was reused (ifNotCapturedWithin).'),
            '400': error('Not a URL that can be captured.'),
            '401': error('Missing, invalid or revoked API key.'),
            '405': error('Read-only deployment.'),
            '409': error('Idempotency-Key reused with a different body.'),
            '429': error('Quota exceeded (Retry-After).'),
            '503': error('Submissions unavailable; retry.'),
          },
        },
        get: {
          summary: 'List captures, newest first.',
          parameters: [...searchParams, ...paging],
          responses: { '200': json(ref('CapturePage'), 'A page of captures.'), '400': error('Missing or bad parameter, or bad cursor.') },
        },
      },
      '/v1/captures:batch': {
        post: {
          summary: 'Submit up to 100 URLs at once.',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { urls: { type: 'array', items: { type: 'string', format: 'uri' }, maxItems: 100 }, items: { type: 'array', items: ref('SubmitRequest'), maxItems: 100 }, ifNotCapturedWithin: { type: 'string' } },
                },
              },
            },
          },
          responses: {
            '202': json({ type: 'object', properties: { accepted: { type: 'integer' }, rejected: { type: 'integer' }, results: { type: 'array', items: { type: 'object' } } } }, 'Per-URL results; at least one accepted.'),
            '400': error('Nothing accepted, or a malformed batch.'),
            '401': error('Missing, invalid or revoked API key.'),
            '429': error('Quota exceeded.'),
          },
        },
      },
      '/v1/export': {
        get: {
          summary: 'Stream captures with metadata, digests and quotes as JSON Lines.',
          parameters: searchParams,
          responses: { '200': text('application/x-ndjson', 'One capture per line.'), '400': error('Bad parameter.') },
        },
      },
      '/v1/captures/{id}': {
        get: {
          summary: 'A capture record.',
          parameters: [idParam],
          responses: { '200': { ...json(ref('Capture'), 'The record.'), headers: mementoHeaders }, '404': error('No such capture.') },
        },
      },
      '/v1/captures/{id}/snapshot': object('The clean snapshot (sanitized HTML, served sandboxed); the memento (URI-M).', 'text/html'),
      '/v1/captures/{id}/text': object('The clean plain text.', 'text/plain'),
      '/v1/captures/{id}/raw': object('The original bytes as received, as a download.', 'application/octet-stream'),
      '/v1/captures/{id}/warc': object('The WARC/1.1 file of the exchange.', 'application/warc'),
      '/v1/captures/{id}/verify': {
        get: {
          summary: 'Re-check every stored object against its recorded digest.',
          parameters: [idParam],
          responses: { '200': json({ type: 'object' }, 'All objects match.'), '409': json({ type: 'object' }, 'Some object does not match.'), '404': error('No such capture.') },
        },
      },
      '/v1/captures/{id}/quotes': {
        get: { summary: "A capture's quotes, in text order.", parameters: [idParam], responses: { '200': json({ type: 'object', properties: { captureId: { type: 'string' }, items: { type: 'array', items: ref('Quote') } } }, 'The quotes.'), '404': error('No such done capture.') } },
      },
      '/v1/captures/{id}/quotes/{index}': {
        get: { summary: 'One quote (its permalink).', parameters: [idParam, indexParam], responses: { '200': json(ref('Quote'), 'The quote.'), '404': error('No such quote.') } },
      },
      '/v1/captures/{id}/cite': {
        get: {
          summary: 'A citation of the capture.',
          parameters: [idParam, query('format', 'Citation format.', ref('CitationFormat'))],
          responses: { '200': citationResponses(), '400': error('Unknown format.'), '404': error('No such done capture.') },
        },
      },
      '/v1/captures/{id}/quotes/{index}/cite': {
        get: {
          summary: 'A citation of one quote.',
          parameters: [idParam, indexParam, query('format', 'Citation format.', ref('CitationFormat'))],
          responses: { '200': citationResponses(), '400': error('Unknown format.'), '404': error('No such quote.') },
        },
      },
      '/v1/captures/{id}/diff/{otherId}': {
        get: {
          summary: 'Word-level diff of the clean texts of two captures of the same URL.',
          parameters: [idParam, { name: 'otherId', in: 'path', required: true, schema: { type: 'string' } }, query('format', 'json (default) or html; Accept: text/html also selects html.', { enum: ['json', 'html'] })],
          responses: {
            '200': { description: 'The diff.', content: { 'application/json': { schema: ref('Diff') }, 'text/html': { schema: { type: 'string' } } } },
            '400': error('The captures are of different URLs, or bad format.'),
            '404': error('No such done capture.'),
          },
        },
      },
      '/v1/quotes': {
        get: {
          summary: "A speaker's quotes across captures, newest first.",
          parameters: [query('speaker', 'Speaker name (case, accents and spacing ignored).', { type: 'string' }, true), ...paging],
          responses: { '200': json({ type: 'object', properties: { speaker: { type: 'string' }, items: { type: 'array', items: ref('Quote') }, cursor: { type: ['string', 'null'] } } }, 'A page of quotes.'), '400': error('Missing speaker.') },
        },
      },
      '/timegate/{originalUrl}': {
        get: {
          summary: 'Memento TimeGate (RFC 7089): redirect to the capture closest to Accept-Datetime (ties go to the earlier capture; no header: the latest).',
          tags: ['memento'],
          parameters: [originalUrlParam, { name: 'Accept-Datetime', in: 'header', required: false, schema: { type: 'string' }, description: 'RFC 1123 date, e.g. `Tue, 05 Mar 2024 09:30:00 GMT`.' }],
          responses: {
            '302': { description: 'Redirect to the memento.', headers: { Location: { schema: { type: 'string' } }, Vary: { schema: { const: 'accept-datetime' } }, Link: { schema: { type: 'string' } } } },
            '400': error('Unparseable Accept-Datetime or URL.'),
            '404': error('No done capture of this URL.'),
          },
        },
      },
      '/timemap/link/{originalUrl}': {
        get: { summary: 'Memento TimeMap in link-format.', tags: ['memento'], parameters: [originalUrlParam], responses: { '200': text('application/link-format', 'The TimeMap.'), '404': error('No done capture of this URL.') } },
      },
      '/timemap/json/{originalUrl}': {
        get: { summary: 'Memento TimeMap as JSON.', tags: ['memento'], parameters: [originalUrlParam], responses: { '200': json(ref('TimeMap'), 'The TimeMap.'), '404': error('No done capture of this URL.') } },
      },
      '/openapi.json': { get: { summary: 'This document.', responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') } } },
      '/': html('Home: submit form and recent captures.'),
      '/captures': {
        post: {
          summary: 'The submit form without script: redirects to the capture page.',
          tags: ['web UI'],
          requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { url: { type: 'string' }, key: { type: 'string' } } } } } },
          responses: { '303': { description: 'To the capture page.' }, '400': text('text/html', 'The form again, with the error.') },
        },
      },
      '/captures/{id}': html('Capture page: archive banner, sandboxed snapshot, quotes with a speaker filter.', [idParam, query('speaker', 'Show only quotes by this speaker.')], { '404': text('text/html', 'No such capture.') }),
      '/history': html('All captures of a URL, with diffs between consecutive captures.', [query('url', 'The URL.', { type: 'string' }, true)], { '400': text('text/html', 'Not a URL.') }),
      '/assets/app.js': { get: { summary: "The web UI's script.", tags: ['web UI'], responses: { '200': text('text/javascript', 'Script.') } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key.' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
        SubmitRequest: {
          type: 'object',
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri' },
            callbackUrl: { type: 'string', format: 'uri', description: 'Where to POST a signed notification when the capture is terminal.' },
            ifNotCapturedWithin: { type: 'string', description: 'ISO 8601 duration (e.g. PT1H): reuse a capture made within it.' },
          },
        },
        Submitted: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, status: { type: 'string' }, reused: { type: 'boolean' }, links: { type: 'object' } } },
        Capture: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            url: { type: 'string' },
            finalUrl: { type: ['string', 'null'] },
            status: { enum: ['queued', 'fetching', 'done', 'failed'] },
            createdAt: { type: 'string', format: 'date-time' },
            fetchedAt: { type: ['string', 'null'], format: 'date-time' },
            title: { type: ['string', 'null'] },
            authors: { type: 'array', items: { type: 'string' } },
            publishedAt: { type: ['string', 'null'] },
            siteName: { type: ['string', 'null'] },
            sha256: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
            failure: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
            quoteCount: { type: ['integer', 'null'] },
            links: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        CapturePage: { type: 'object', properties: { items: { type: 'array', items: ref('Capture') }, cursor: { type: ['string', 'null'] } } },
        Quote: {
          type: 'object',
          properties: {
            captureId: { type: 'string' },
            index: { type: 'integer' },
            text: { type: 'string' },
            speaker: { type: ['string', 'null'] },
            cue: { type: ['string', 'null'] },
            kind: { enum: ['direct', 'partial'] },
            start: { type: 'integer' },
            end: { type: 'integer' },
            links: { type: 'object' },
          },
        },
        CitationFormat: { enum: ['bibtex', 'csl-json', 'ris', 'apa', 'mla', 'robustlinks'], default: 'bibtex' },
        Diff: {
          type: 'object',
          properties: {
            url: { type: 'string' },
            from: { type: 'object' },
            to: { type: 'object' },
            identical: { type: 'boolean' },
            stats: { type: 'object', properties: { inserted: { type: 'integer' }, deleted: { type: 'integer' }, unchanged: { type: 'integer' } } },
            changes: { type: 'array', items: { type: 'object', properties: { op: { enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } } } },
          },
        },
        TimeMap: {
          type: 'object',
          properties: {
            original_uri: { type: 'string' },
            timegate_uri: { type: 'string' },
            timemap_uri: { type: 'object' },
            mementos: { type: 'object', properties: { first: { type: ['object', 'null'] }, last: { type: ['object', 'null'] }, list: { type: 'array', items: { type: 'object', properties: { datetime: { type: 'string' }, uri: { type: 'string' } } } } } },
          },
        },
      },
    },
  };
}

function citationResponses(): Json {
  return {
    description: 'The citation.',
    content: {
      'application/x-bibtex': { schema: { type: 'string' } },
      'application/vnd.citationstyles.csl+json': { schema: { type: 'array', items: { type: 'object' } } },
      'application/x-research-info-systems': { schema: { type: 'string' } },
      'text/plain': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  };
}
