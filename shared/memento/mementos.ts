/**
 * Mementos (RFC 7089) over Verbatim's captures: which captures are mementos of an original URL, which
 * one a TimeGate picks for a datetime, and the Link relations between them.
 *
 * A memento is a `done` capture; its URI-M is the clean snapshot, its Memento-Datetime the moment the
 * page was fetched. The raw capture of the same record is a memento too, with the same datetime.
 */

import type { CaptureRecord } from '../domain/capture.ts';
import { formatHttpDate } from './http-date.ts';
import type { LinkValue } from './link-format.ts';

export interface Memento {
  id: string;
  /** When the page was fetched (the record's fetchedAt; createdAt for records that lack it). */
  datetime: Date;
  /** The clean snapshot (URI-M). */
  uri: string;
  record: CaptureRecord;
}

export interface MementoUris {
  timegate: string;
  timemapLink: string;
  timemapJson: string;
}

/** Where the TimeGate and TimeMaps of an original URL live on this service. */
export function mementoUris(base: string, originalUrl: string): MementoUris {
  return {
    timegate: `${base}/timegate/${originalUrl}`,
    timemapLink: `${base}/timemap/link/${originalUrl}`,
    timemapJson: `${base}/timemap/json/${originalUrl}`,
  };
}

export function mementoDatetime(record: CaptureRecord): Date {
  return new Date(record.fetchedAt ?? record.createdAt);
}

export function snapshotUri(base: string, id: string): string {
  return `${base}/v1/captures/${encodeURIComponent(id)}/snapshot`;
}

/** The done captures among `records`, oldest first (ties broken by id, which sorts by creation). */
export function toMementos(records: CaptureRecord[], base: string): Memento[] {
  return records
    .filter((record) => record.status === 'done')
    .map((record) => ({ id: record.id, datetime: mementoDatetime(record), uri: snapshotUri(base, record.id), record }))
    .sort((a, b) => a.datetime.getTime() - b.datetime.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The memento closest in time to `at` (absolute distance). Tie rule: when a capture before and a capture
 * after are equally distant, the earlier one wins: it is what the page said as of that moment. With no
 * `at`, the most recent memento. `mementos` must be sorted oldest first and non-empty.
 */
export function selectMemento(mementos: Memento[], at: Date | undefined): { memento: Memento; index: number } {
  if (mementos.length === 0) throw new RangeError('selectMemento needs at least one memento');
  if (!at) return { memento: mementos[mementos.length - 1]!, index: mementos.length - 1 };
  let best = 0;
  let bestDistance = Infinity;
  mementos.forEach((memento, index) => {
    const distance = Math.abs(memento.datetime.getTime() - at.getTime());
    // Strictly less: on a tie the earlier (already chosen) memento stays.
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return { memento: mementos[best]!, index: best };
}

function mementoLink(memento: Memento, rel: string): LinkValue {
  return { uri: memento.uri, rel, params: { datetime: formatHttpDate(memento.datetime) } };
}

/**
 * The Link header of a TimeGate's redirect: original, timegate, timemap, and the first, last, previous,
 * next and selected mementos (rels combined when one memento plays several roles, as RFC 7089 does).
 */
export function timeGateLinks(originalUrl: string, uris: MementoUris, mementos: Memento[], index: number): LinkValue[] {
  const roles = new Map<number, string[]>();
  const add = (i: number, rel: string) => roles.set(i, [...(roles.get(i) ?? []), rel]);
  add(0, 'first');
  add(mementos.length - 1, 'last');
  if (index > 0) add(index - 1, 'prev');
  if (index < mementos.length - 1) add(index + 1, 'next');
  const links: LinkValue[] = [
    { uri: originalUrl, rel: 'original' },
    { uri: uris.timegate, rel: 'timegate' },
    { uri: uris.timemapLink, rel: 'timemap', params: { type: 'application/link-format' } },
    { uri: uris.timemapJson, rel: 'timemap', params: { type: 'application/json' } },
  ];
  // The selected memento is listed even when it is neither first nor last.
  if (!roles.has(index)) roles.set(index, []);
  for (const [i, rels] of [...roles.entries()].sort((a, b) => a[0] - b[0])) {
    links.push(mementoLink(mementos[i]!, [...rels, 'memento'].join(' ')));
  }
  return links;
}

/** The Link header every memento response carries: its original, TimeGate and TimeMaps. */
export function mementoResponseLinks(originalUrl: string, uris: MementoUris, self?: Memento): LinkValue[] {
  return [
    { uri: originalUrl, rel: 'original' },
    { uri: uris.timegate, rel: 'timegate' },
    { uri: uris.timemapLink, rel: 'timemap', params: { type: 'application/link-format' } },
    { uri: uris.timemapJson, rel: 'timemap', params: { type: 'application/json' } },
    ...(self ? [mementoLink(self, 'memento')] : []),
  ];
}

/** A TimeMap as link-format (RFC 7089 §5.1.1): original, self with from/until, timegate, every memento. */
export function timeMapLinks(originalUrl: string, uris: MementoUris, mementos: Memento[]): LinkValue[] {
  const first = mementos[0];
  const last = mementos[mementos.length - 1];
  const links: LinkValue[] = [
    { uri: originalUrl, rel: 'original' },
    {
      uri: uris.timemapLink,
      rel: 'self',
      params: { type: 'application/link-format', ...(first && last ? { from: formatHttpDate(first.datetime), until: formatHttpDate(last.datetime) } : {}) },
    },
    { uri: uris.timemapJson, rel: 'timemap', params: { type: 'application/json' } },
    { uri: uris.timegate, rel: 'timegate' },
  ];
  mementos.forEach((memento, i) => {
    const rel = [i === 0 ? 'first' : '', i === mementos.length - 1 ? 'last' : '', 'memento'].filter(Boolean).join(' ');
    links.push(mementoLink(memento, rel));
  });
  return links;
}

/** The same TimeMap as JSON, in the shape MemGator and pywb use. */
export function timeMapJson(originalUrl: string, uris: MementoUris, mementos: Memento[]): Record<string, unknown> {
  const entry = (m: Memento) => ({ datetime: m.datetime.toISOString(), uri: m.uri, id: m.id, raw: m.uri.replace(/\/snapshot$/, '/raw') });
  return {
    original_uri: originalUrl,
    timegate_uri: uris.timegate,
    timemap_uri: { link_format: uris.timemapLink, json_format: uris.timemapJson },
    mementos: {
      first: mementos[0] ? entry(mementos[0]) : null,
      last: mementos.length ? entry(mementos[mementos.length - 1]!) : null,
      list: mementos.map(entry),
    },
  };
}
