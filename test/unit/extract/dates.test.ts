import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../shared/extract/dates.ts';

describe('parseDate on visible datelines', () => {
  it('reads a month only when it is a whole month name or its abbreviation', () => {
    // A byline run into the date ("Gary Marcus" + "Dec 14, 2025") must not read as March 14.
    expect(parseDate('Gary MarcusDec 14, 2025')).not.toBe('2025-03-14');
    expect(parseDate('Dec 14, 2025')).toBe('2025-12-14');
    expect(parseDate('September 8, 2023 | 14 min read')).toBe('2023-09-08');
    expect(parseDate('Sept. 8, 2023')).toBe('2023-09-08');
  });

  it('reads a numeric date whose two readings agree, or only one reading is possible', () => {
    expect(parseDate('12.12.2025', { loose: true })).toBe('2025-12-12');
    expect(parseDate('Thu, 09/25/2025 - 11:38', { loose: true })).toBe('2025-09-25');
    expect(parseDate('03/04/2025', { loose: true })).toBeNull();
  });

  it('reads a citation date with the year first', () => {
    expect(parseDate('2023 Jan 7')).toBe('2023-01-07');
    expect(parseDate('2024 Jun. 30')).toBe('2024-06-30');
  });

  it('reads a dashed numeric date that has only one reading, with one separator throughout', () => {
    expect(parseDate('11-29-2024, 10:05 PM', { loose: true })).toBe('2024-11-29');
    expect(parseDate('2-3/2024', { loose: true })).toBeNull();
  });
});
