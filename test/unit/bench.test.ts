import { describe, expect, it } from 'vitest';
import { captureBilledMs, costPerCapture, dynamoItemSize, PRICES, writeUnits, type CaptureUsage } from '../bench/cost.ts';
import { percentile, ratio, summarize } from '../bench/stats.ts';

describe('bench statistics', () => {
  it('interpolates percentiles between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 95)).toBe(20);
    expect(percentile([7], 99)).toBe(7);
  });

  it('returns NaN, never zero, for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([]).median).toBeNaN();
  });

  it('summarizes samples with total and mean', () => {
    expect(summarize([10, 30, 20])).toMatchObject({ n: 3, median: 20, max: 30, mean: 20, total: 60 });
  });

  it('refuses to invent a ratio from a missing or zero baseline', () => {
    expect(ratio(1, 2)).toBe(0.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

describe('bench cost model', () => {
  const usage: CaptureUsage = {
    captureMemoryMb: 1024,
    arch: 'arm64',
    cpuMsFullCore: 177.0,
    ioMs: 500,
    batchSize: 5,
    apiMemoryMb: 512,
    apiRequestsPerCapture: 3,
    apiMsPerRequest: 20,
    s3PutsPerCapture: 4,
    s3GetsPerCapture: 1,
    storedBytesPerCapture: 1024 ** 3 / 1e6,
    dynamoWriteUnitsPerCapture: 10,
    dynamoReadUnitsPerCapture: 4,
    dynamoBytesPerCapture: 0,
    sqsRequestsPerCapture: 1.4,
    tracesPerCapture: 2,
  };

  it('stretches CPU time by the vCPU share the memory size buys, not waiting time', () => {
    expect(captureBilledMs({ captureMemoryMb: 1769, cpuMsFullCore: 100, ioMs: 50 })).toBe(150);
    expect(captureBilledMs({ captureMemoryMb: 3538, cpuMsFullCore: 100, ioMs: 50 })).toBe(150);
    expect(captureBilledMs({ captureMemoryMb: 1769 / 2, cpuMsFullCore: 100, ioMs: 50 })).toBe(250);
  });

  it('prices capture compute as GB-seconds at the arm64 rate', () => {
    const report = costPerCapture(usage);
    const billed = Math.ceil(177 / (1024 / 1769) + 500);
    expect(report.captureBilledMs).toBe(billed);
    expect(report.captureComputePerMillion).toBeCloseTo((billed / 1000) * PRICES.lambdaArmPerGbSecond * 1e6, 6);
  });

  it('adds every per-capture line into the total, and keeps storage apart', () => {
    const report = costPerCapture(usage);
    expect(report.perCapture).toBeCloseTo(report.lines.reduce((sum, line) => sum + line.perCapture, 0), 12);
    expect(report.lines.find((l) => l.item === 'S3 PUT')!.perMillion).toBeCloseTo(20, 6);
    expect(report.lines.find((l) => l.item === 'DynamoDB writes')!.perMillion).toBeCloseTo(6.25, 6);
    // One GB per million captures in S3 Standard: one month costs the per-GB-month price.
    expect(report.storagePerMillionPerMonth).toBeCloseTo(PRICES.s3StandardPerGbMonth, 6);
  });

  it('sizes a marshalled DynamoDB item by names and values', () => {
    expect(dynamoItemSize({ pk: { S: 'CAPTURE#1' }, n: { N: '1234' }, ok: { BOOL: true } })).toBe(2 + 9 + 1 + 3 + 2 + 1);
    expect(dynamoItemSize({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(dynamoItemSize({ l: { L: [{ S: 'é' }] } })).toBe(1 + 3 + 1 + 2);
  });

  it('charges a write unit per started kilobyte for the table and each index holding the item', () => {
    expect(writeUnits(100, 0)).toBe(1);
    expect(writeUnits(1025, 0)).toBe(2);
    expect(writeUnits(1025, 3)).toBe(8);
  });
});
