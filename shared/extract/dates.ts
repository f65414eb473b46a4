/** Dates as pages state them, normalised to ISO 8601 while keeping the page's own UTC offset. */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const ZONES: Record<string, string> = {
  utc: '+00:00', gmt: '+00:00', z: '+00:00', bst: '+01:00', ist: '+05:30', cet: '+01:00', cest: '+02:00',
  eet: '+02:00', eest: '+03:00', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00',
  mdt: '-06:00', pst: '-08:00', pdt: '-07:00', aest: '+10:00', aedt: '+11:00', jst: '+09:00',
};

const ISO = /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b)?)?/i;
const SLASHED = /\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
// Whole month names or their abbreviations only: "MarcusDec 14" must not read as March 14.
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = '(?:[,\\s]+(?:at\\s+)?(\\d{1,2})[:.](\\d{2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)?\\s*([A-Z]{2,4}\\b)?)?';
const MONTH_FIRST = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'i');
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?${MONTH_NAME},?\\s+(\\d{4})${TIME}`, 'i');
// "2023 Jan 7": the order of library and citation records (NLM, PubMed).
const YEAR_FIRST = new RegExp(`\\b(\\d{4})\\s+${MONTH_NAME}\\s+(\\d{1,2})\\b`, 'i');
// One separator throughout: "11-29-2024" as forum software prints it, but no "2-3/2024".
const NUMERIC_DAY_FIRST = /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b/;

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()]!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1;
}

function offsetOf(zone: string | undefined): string | null {
  if (!zone) return null;
  if (/^z$/i.test(zone)) return '+00:00';
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return `${numeric[1]}${numeric[2]}:${numeric[3] ?? '00'}`;
  return ZONES[zone.toLowerCase()] ?? null;
}

function compose(year: number, month: number, day: number, hour?: number, minute?: number, second?: number, zone?: string): string | null {
  if (!validDay(year, month, day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined || minute === undefined || hour > 23 || minute > 59) return date;
  const offset = offsetOf(zone) ?? '';
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second ?? 0)}${offset}`;
}

function to24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = /^p/i.test(meridiem);
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/**
 * Normalise a machine-readable or visible date to ISO 8601 (`YYYY-MM-DD` or with time and offset).
 * @example parseDate('Tue 7 Apr 2020 18.13 BST') // '2020-04-07T18:13:00+01:00'
 */
export function parseDate(raw: string | null | undefined, options: { loose?: boolean } = {}): string | null {
  if (!raw) return null;
  const text = raw.trim().slice(0, 200);
  let match = ISO.exec(text);
  if (match) {
    return compose(+match[1]!, +match[2]!, +match[3]!, match[4] ? +match[4] : undefined, match[5] ? +match[5] : undefined,
      match[6] ? +match[6] : undefined, match[7]);
  }
  match = MONTH_FIRST.exec(text);
  if (match) {
    const hour = match[4] ? to24(+match[4], match[6]) : undefined;
    return compose(+match[3]!, monthNumber(match[1]!), +match[2]!, hour, match[5] ? +match[5] : undefined, 0, match[7]);
  }
  match = DAY_FIRST.exec(text);
  if (match) {
    const hour = match[4] ? to24(+match[4], match[6]) : undefined;
    return compose(+match[3]!, monthNumber(match[2]!), +match[1]!, hour, match[5] ? +match[5] : undefined, 0, match[7]);
  }
  match = YEAR_FIRST.exec(text);
  if (match) return compose(+match[1]!, monthNumber(match[2]!), +match[3]!);
  match = SLASHED.exec(text);
  if (match) return compose(+match[1]!, +match[2]!, +match[3]!);
  if (options.loose) {
    match = NUMERIC_DAY_FIRST.exec(text);
    // Ambiguous (US vs rest of world); only trusted when one reading is impossible or both agree.
    if (match) {
      const a = +match[1]!;
      const b = +match[3]!;
      if (a > 12 || a === b) return compose(+match[4]!, b, a);
      if (b > 12) return compose(+match[4]!, a, b);
    }
  }
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const ms = text.length === 13 ? +text : +text * 1000;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }
  return null;
}

const URL_MONTH_NAMED = new RegExp(`/((?:19|20)\\d{2})/${MONTH_NAME}/(\\d{1,2})(?!\\d)`, 'i');

/** A date in a URL path such as /2020/04/07/, /2020-04-07-, /2020-04-07+title or /2020/april/07/. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const named = URL_MONTH_NAMED.exec(path);
  if (named) return compose(+named[1]!, monthNumber(named[2]!), +named[3]!);
  const match = /\/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)/.exec(path)
    ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})\//.exec(path);
  return match ? compose(+match[1]!, +match[2]!, +match[3]!) : null;
}

/** True when the date is after `now` (a day's grace for time zones). */
export function isFuture(iso: string, now: Date): boolean {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(ms) && ms > now.getTime() + 24 * 3600 * 1000;
}
