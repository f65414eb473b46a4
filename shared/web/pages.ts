/** The server-rendered pages of the web UI. Every value is escaped by the `html` tag. */

import { cite, citationSource } from '../cite/cite.ts';
import type { CaptureRecord, StoredQuote } from '../domain/capture.ts';
import type { WordDiff } from '../diff/word-diff.ts';
import { html, type SafeHtml } from './html.ts';
import type { PageOptions } from './layout.ts';

const STATUS_TEXT: Record<CaptureRecord['status'], string> = {
  queued: 'Queued: waiting to be fetched.',
  fetching: 'Fetching: Verbatim is capturing this page now.',
  done: 'Captured.',
  failed: 'Failed: this page was not captured.',
};

/** Speaker names match as in the catalogue: case, accents and punctuation do not matter. */
function speakerKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function capturePath(id: string): string {
  return `/captures/${encodeURIComponent(id)}`;
}

function apiPath(id: string): string {
  return `/v1/captures/${encodeURIComponent(id)}`;
}

export function historyPath(url: string): string {
  return `/history?url=${encodeURIComponent(url)}`;
}

export function diffPath(fromId: string, toId: string): string {
  return `${apiPath(fromId)}/diff/${encodeURIComponent(toId)}?format=html`;
}

function statusBadge(status: CaptureRecord['status']): SafeHtml {
  return html`<span class="status status-${status}">${status}</span>`;
}

/** A UTC timestamp for people; `precise` keeps milliseconds (two captures may share a second). */
function when(iso: string | null | undefined, precise = false): SafeHtml {
  if (!iso) return html`<span class="hint">unknown</span>`;
  const shown = iso.replace('T', ' ');
  return html`<time datetime="${iso}">${precise ? shown : shown.replace(/\.\d+Z$/, 'Z')}</time>`;
}

// ---------------------------------------------------------------- home

export function homePage(recent: CaptureRecord[], options: { error?: string; url?: string; canSubmit: boolean; readsNeedKey?: boolean }): PageOptions {
  const form = options.canSubmit
    ? html`<form class="submit" method="post" action="/captures" data-submit>
<label for="url">Article URL</label>
<input id="url" name="url" type="url" required placeholder="https://www.example.com/news/an-article" value="${options.url ?? ''}" autocomplete="url">
<label for="key">API key <span class="hint">(sent as a bearer token)</span></label>
<input id="key" name="key" type="password" autocomplete="off" required>
<button type="submit">Capture</button>
<p id="submit-status" class="${options.error ? 'error' : 'hint'}" role="status" aria-live="polite">${options.error ?? ''}</p>
</form>`
    : html`<p class="hint">This deployment is read-only: it does not accept submissions.</p>`;
  const items = recent.map(
    (r) => html`<li>${statusBadge(r.status)} <a href="${capturePath(r.id)}">${r.metadata?.title ?? r.url}</a>
<div class="hint">${when(r.fetchedAt ?? r.createdAt)} · <span class="digest">${r.url}</span> · <a href="${historyPath(r.url)}">history</a></div></li>`,
  );
  return {
    title: 'Archive an article',
    body: html`<h1>Archive a news article</h1>
<p>Submit the address of an article: Verbatim keeps the original bytes, a clean snapshot, its metadata and the quotations in it.</p>
${form}
<h2>Recent captures</h2>
${options.readsNeedKey ? html`<p class="hint">This archive requires an API key for reads: use the API.</p>` : recent.length ? html`<ul class="plain" id="recent">${items}</ul>` : html`<p class="hint">Nothing captured yet.</p>`}`,
  };
}

// ---------------------------------------------------------------- capture

/** `archiveOrigin`: the separate origin that serves archived bytes, when the deployment has one. */
export function capturePage(record: CaptureRecord, quotes: StoredQuote[], speaker: string | undefined, base: string, archiveOrigin?: string): PageOptions {
  const pending = record.status === 'queued' || record.status === 'fetching';
  const title = record.metadata?.title ?? record.url;
  const api = apiPath(record.id);
  const m = record.metadata;
  const digests = (['raw', 'warc', 'snapshot', 'text'] as const)
    .filter((name) => record[name])
    .map((name) => html`<dt>SHA-256 ${name}</dt><dd class="digest">${record[name]!.sha256}</dd>`);
  const facts = html`<dl class="facts">
<dt>Original URL</dt><dd><a href="${record.url}" rel="noreferrer noopener">${record.url}</a></dd>
${record.finalUrl && record.finalUrl !== record.url ? html`<dt>Redirected to</dt><dd class="digest">${record.finalUrl}</dd>` : ''}
<dt>Fetched</dt><dd>${record.fetchedAt ? when(record.fetchedAt) : html`<span class="hint">${pending ? 'not yet' : 'never'}</span>`}</dd>
<dt>Submitted</dt><dd>${when(record.createdAt)}</dd>
<dt>Status</dt><dd>${statusBadge(record.status)} ${STATUS_TEXT[record.status]}</dd>
${record.failure ? html`<dt>Reason</dt><dd class="error">${record.failure.code}: ${record.failure.message}</dd>` : ''}
${m?.authors.length ? html`<dt>Authors</dt><dd>${m.authors.join(', ')}</dd>` : ''}
${m?.siteName ? html`<dt>Site</dt><dd>${m.siteName}</dd>` : ''}
${m?.publishedAt ? html`<dt>Published</dt><dd>${when(m.publishedAt)}</dd>` : ''}
${record.httpStatus ? html`<dt>HTTP status</dt><dd>${record.httpStatus}</dd>` : ''}
${digests}
</dl>`;
  const links = html`<nav class="actions" aria-label="Capture downloads">
${record.snapshot ? html`<a href="${api}/snapshot">Clean snapshot</a>` : ''}
${record.text ? html`<a href="${api}/text">Plain text</a>` : ''}
${record.raw ? html`<a href="${api}/raw">Raw bytes</a>` : ''}
${record.warc ? html`<a href="${api}/warc">WARC</a>` : ''}
${record.status === 'done' ? html`<a href="${api}/verify">Verify digests</a>` : ''}
<a href="${api}">Record (JSON)</a>
<a href="${historyPath(record.url)}">All captures of this URL</a>
</nav>`;
  const bannerClass = record.status === 'failed' ? 'banner failed' : pending ? 'banner pending' : 'banner';
  const banner = html`<section class="${bannerClass}" aria-label="Archive record" ${pending ? html`data-poll="${record.id}" data-status="${record.status}"` : ''}>
<p><strong>Archived copy.</strong> ${pending ? 'This page refreshes until the capture finishes.' : ''}</p>
${facts}${links}
${record.status === 'done' ? citeBlock(record, base) : ''}
</section>`;
  const body = html`<h1>${title}</h1>
${banner}
${record.status === 'done' && record.snapshot ? html`<h2>Clean snapshot</h2>
<iframe class="snapshot" sandbox src="${archiveOrigin ? new URL(archiveOrigin).origin : ''}${api}/snapshot" title="Clean snapshot of ${title}" referrerpolicy="no-referrer"></iframe>` : ''}
${record.status === 'done' ? quotesBlock(record, quotes, speaker) : ''}`;
  return {
    title,
    body,
    ...(pending ? { head: html`<noscript><meta http-equiv="refresh" content="3"></noscript>` } : {}),
    ...(archiveOrigin ? { frameOrigin: archiveOrigin } : {}),
  };
}

function citeBlock(record: CaptureRecord, base: string): SafeHtml {
  const source = citationSource(record, base);
  const api = apiPath(record.id);
  const formats = [
    ['bibtex', 'BibTeX'],
    ['ris', 'RIS'],
    ['csl-json', 'CSL-JSON'],
    ['apa', 'APA'],
    ['mla', 'MLA'],
    ['robustlinks', 'Robust Link'],
  ].map(([format, label]) => html`<a href="${api}/cite?format=${format!}">${label!}</a>`);
  return html`<details class="cite"><summary>Cite this capture</summary>
<pre class="citation" id="cite-apa">${cite(source, 'apa').trim()}</pre>
<button type="button" data-copy="cite-apa" hidden>Copy</button>
<pre class="citation" id="cite-bibtex">${cite(source, 'bibtex').trim()}</pre>
<button type="button" data-copy="cite-bibtex" hidden>Copy BibTeX</button>
<nav class="actions" aria-label="Citation formats">${formats}</nav>
</details>`;
}

function quotesBlock(record: CaptureRecord, quotes: StoredQuote[], speaker: string | undefined): SafeHtml {
  if (quotes.length === 0) return html`<h2>Quotes</h2><p class="hint">No quotations were found in this article.</p>`;
  const speakers = new Map<string, number>();
  for (const q of quotes) if (q.speaker) speakers.set(q.speaker, (speakers.get(q.speaker) ?? 0) + 1);
  // The filter matches the way the catalogue does: case, accents and spacing do not matter.
  const selected = speaker ? [...speakers.keys()].find((name) => speakerKey(name) === speakerKey(speaker)) : undefined;
  const shown = quotes.filter((q) => !selected || q.speaker === selected);
  const api = apiPath(record.id);
  const options = [...speakers.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => html`<option value="${name}" ${name === selected ? 'selected' : ''}>${name} (${count})</option>`);
  const items = quotes.map(
    (q) => html`<li data-speaker="${q.speaker ?? ''}" ${selected && q.speaker !== selected ? 'hidden' : ''}>
<blockquote>“${q.text}”</blockquote>
<div><span class="speaker">${q.speaker ?? 'Unattributed'}</span>${q.cue ? html` <span class="hint">(${q.cue})</span>` : ''}
· <a href="${api}/quotes/${q.index}">permalink</a> · <a href="${api}/quotes/${q.index}/cite?format=apa">cite</a> · <a href="${api}/quotes/${q.index}/cite?format=bibtex">BibTeX</a></div>
</li>`,
  );
  return html`<h2>Quotes</h2>
<form method="get" action="${capturePath(record.id)}" class="filter">
<label for="speaker">Speaker</label>
<select id="speaker" name="speaker" data-speaker-filter>
<option value="">All speakers (${quotes.length})</option>
${options}
</select>
<button type="submit">Filter</button>
</form>
<p id="quote-count" class="hint" role="status" aria-live="polite">${shown.length} ${shown.length === 1 ? 'quote' : 'quotes'}${selected ? ` by ${selected}` : ''}</p>
<ul class="plain" id="quotes">${items}</ul>`;
}

// ---------------------------------------------------------------- history

export function historyPage(url: string, records: CaptureRecord[]): PageOptions {
  // Newest first; each done capture links to a diff against the previous done capture.
  const done = records.filter((r) => r.status === 'done');
  const previousDone = new Map<string, CaptureRecord>();
  for (let i = 0; i < done.length - 1; i++) previousDone.set(done[i]!.id, done[i + 1]!);
  const items = records.map((r) => {
    const previous = previousDone.get(r.id);
    return html`<li>${statusBadge(r.status)} <a href="${capturePath(r.id)}">${when(r.fetchedAt ?? r.createdAt)}</a> ${r.metadata?.title ?? ''}
${r.failure ? html`<div class="error">${r.failure.code}: ${r.failure.message}</div>` : ''}
${previous ? html`<div><a href="${diffPath(previous.id, r.id)}" data-diff>Changes since the capture of ${when(previous.fetchedAt ?? previous.createdAt)}</a></div>` : ''}</li>`;
  });
  return {
    title: `History of ${url}`,
    body: html`<h1>Captures of <span class="digest">${url}</span></h1>
<p><a href="${url}" rel="noreferrer noopener">Live page</a> · <a href="/timemap/link/${url}">TimeMap</a> · <a href="/timegate/${url}">Latest memento</a></p>
${records.length ? html`<ul class="plain" id="captures">${items}</ul>` : html`<p class="hint">No captures of this URL yet.</p>`}`,
  };
}

// ---------------------------------------------------------------- diff

export function diffPage(from: CaptureRecord, to: CaptureRecord, diff: WordDiff): PageOptions {
  const changes = diff.changes.map((change) =>
    change.op === 'insert' ? html`<ins>${change.text}</ins>` : change.op === 'delete' ? html`<del>${change.text}</del>` : html`${change.text}`,
  );
  return {
    title: `Changes to ${to.metadata?.title ?? to.url}`,
    body: html`<h1>Changes to ${to.metadata?.title ?? to.url}</h1>
<dl class="facts">
<dt>URL</dt><dd class="digest">${to.url}</dd>
<dt>From</dt><dd><a href="${capturePath(from.id)}">${when(from.fetchedAt ?? from.createdAt, true)}</a></dd>
<dt>To</dt><dd><a href="${capturePath(to.id)}">${when(to.fetchedAt ?? to.createdAt, true)}</a></dd>
<dt>Summary</dt><dd id="diff-summary">${diff.identical ? 'The texts are identical.' : `${words(diff.stats.inserted)} inserted, ${words(diff.stats.deleted)} deleted, ${words(diff.stats.unchanged)} unchanged.`}</dd>
</dl>
<p class="hint">Legend: <ins>inserted text</ins> · <del>deleted text</del>. <a href="${historyPath(to.url)}">All captures of this URL</a> · <a href="${apiPath(from.id)}/diff/${encodeURIComponent(to.id)}?format=json">JSON</a></p>
<div class="diff" id="diff">${changes}</div>`,
  };
}

function words(count: number): string {
  return `${count} ${count === 1 ? 'word' : 'words'}`;
}

// ---------------------------------------------------------------- errors

export function errorPage(status: number, message: string): PageOptions {
  return {
    title: status === 404 ? 'Not found' : 'Error',
    body: html`<h1>${status === 404 ? 'Not found' : status === 403 ? 'Not available here' : 'Something went wrong'}</h1><p class="error">${message}</p><p><a href="/">Back to the archive</a></p>`,
  };
}
