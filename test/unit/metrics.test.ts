/** The metrics sink: EMF documents with the names the stack's alarms and dashboard use; silent off Lambda. */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfMetrics, metricsFromEnvironment, noMetrics } from '../../shared/metrics.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The EMF documents written to stdout while `act` runs. */
function emitted(act: () => void): any[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  act();
  vi.restoreAllMocks();
  return lines.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const metricNames = (doc: any) => doc._aws.CloudWatchMetrics[0].Metrics.map((m: any) => m.Name).sort();
const dimensions = (doc: any) => doc._aws.CloudWatchMetrics[0].Dimensions;

describe('emfMetrics', () => {
  it('publishes a done capture as one document: outcome, fetch and extraction time, bytes stored', () => {
    const sink = emfMetrics();
    const [doc, ...rest] = emitted(() => sink.captureFinished({ outcome: 'done', fetchMs: 120.6, extractMs: 45.2, bytesStored: 2048 }));

    expect(rest).toEqual([]);
    expect(doc._aws.CloudWatchMetrics[0].Namespace).toBe('Verbatim');
    expect(metricNames(doc)).toEqual(['BytesStored', 'CapturesDone', 'ExtractionTime', 'FetchTime']);
    expect(dimensions(doc)).toEqual([['service']]);
    expect(doc).toMatchObject({ service: 'verbatim', CapturesDone: 1, FetchTime: 121, ExtractionTime: 45, BytesStored: 2048 });
  });

  it('publishes a failed capture with its failure code as a dimension of a separate metric', () => {
    const sink = emfMetrics();
    const docs = emitted(() => sink.captureFinished({ outcome: 'failed', failureCode: 'http-4xx', fetchMs: 80 }));

    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ CapturesFailed: 1, FetchTime: 80 });
    expect(docs[0].failureCode).toBeUndefined();
    expect(metricNames(docs[1])).toEqual(['CaptureFailures']);
    expect(dimensions(docs[1])).toEqual([['service', 'failureCode']]);
    expect(docs[1]).toMatchObject({ CaptureFailures: 1, failureCode: 'http-4xx' });
  });

  it('does not carry one capture\'s failure code into the next capture\'s document', () => {
    const sink = emfMetrics();
    const docs = emitted(() => {
      sink.captureFinished({ outcome: 'failed', failureCode: 'timeout' });
      sink.captureFinished({ outcome: 'done' });
    });
    expect(docs.at(-1)).toMatchObject({ CapturesDone: 1 });
    expect(docs.at(-1).failureCode).toBeUndefined();
  });

  it('publishes the audit counts', () => {
    const [doc] = emitted(() => emfMetrics().auditFinished({ records: 10, fixityFailures: 1, orphans: 2, stuck: 0 }));
    expect(doc).toMatchObject({ AuditRecords: 10, AuditFixityFailures: 1, AuditOrphans: 2, AuditStuckCaptures: 0 });
  });
});

describe('metricsFromEnvironment', () => {
  it('is silent off Lambda, so the CLI and local mode keep stdout clean', () => {
    const sink = metricsFromEnvironment({});
    expect(sink).toBe(noMetrics);
    expect(emitted(() => sink.captureFinished({ outcome: 'done' }))).toEqual([]);
  });

  it('emits EMF on the Lambda runtime unless POWERTOOLS_METRICS_DISABLED is true', () => {
    expect(metricsFromEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'capture' })).not.toBe(noMetrics);
    expect(metricsFromEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'capture', POWERTOOLS_METRICS_DISABLED: 'true' })).toBe(noMetrics);
  });

  it('emits EMF locally when POWERTOOLS_METRICS_DISABLED is false', () => {
    expect(metricsFromEnvironment({ POWERTOOLS_METRICS_DISABLED: 'false' })).not.toBe(noMetrics);
  });
});
