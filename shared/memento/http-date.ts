/** HTTP dates as Memento uses them: RFC 1123 (`Sun, 06 Nov 1994 08:49:37 GMT`), always GMT. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RFC1123 = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Parse an RFC 1123 date strictly (RFC 7089 §2.1.1 requires that form for Accept-Datetime); undefined
 * when the text is not one, or names a day that does not exist.
 * @example parseHttpDate('Tue, 05 Mar 2024 09:30:00 GMT')?.toISOString() === '2024-03-05T09:30:00.000Z'
 */
export function parseHttpDate(text: string): Date | undefined {
  const match = RFC1123.exec(text.trim());
  if (!match) return undefined;
  const [, day, dd, mon, yyyy, hh, mi, ss] = match as unknown as [string, string, string, string, string, string, string, string];
  const date = new Date(Date.UTC(Number(yyyy), MONTHS.indexOf(mon), Number(dd), Number(hh), Number(mi), Number(ss)));
  // Date.UTC rolls 31 Feb over into March: a date that does not round-trip did not exist.
  if (date.getUTCDate() !== Number(dd) || date.getUTCHours() !== Number(hh) || date.getUTCMinutes() !== Number(mi) || Number(ss) > 59) return undefined;
  if (DAYS[date.getUTCDay()] !== day) return undefined;
  return date;
}

/** Format an instant as an RFC 1123 date (what `Memento-Datetime` and `datetime=` carry). */
export function formatHttpDate(date: Date | string): string {
  return new Date(date).toUTCString();
}
