/**
 * Cell normalisation (SPEC §2): how the raw values of a sheet are read as numbers, dates, months,
 * yes/no answers, names and headers before validation. Pure; the original cells are never changed.
 *
 * Dates are Excel serial day numbers in the 1900 date system exactly as Excel shows them, including
 * its fictitious 1900-02-29 (serial 60), so that serials from the workbook and from typed text agree.
 */

/** Result of parsing one cell. 'empty' = blank/whitespace/null; 'error' = an Excel error value like #REF! #N/A #VALUE! #DIV/0! #NAME? #NULL! #NUM! #SPILL! #CALC! #GETTING_DATA; 'invalid' = anything else that does not parse. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'empty' | 'error' | 'invalid' };

const EMPTY = { ok: false, reason: 'empty' } as const;
const ERROR = { ok: false, reason: 'error' } as const;
const INVALID = { ok: false, reason: 'invalid' } as const;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Whitespace as pasted from Chinese documents: `\s` covers U+3000 and NBSP; zero-width spaces come along too. */
const SPACE_CLASS = '[\\s\\u200b-\\u200d\\u2060]';
const SPACE = new RegExp(SPACE_CLASS, 'gu');
const ALL_SPACE = new RegExp(`^${SPACE_CLASS}*$`, 'u');
const OUTER_SPACE = new RegExp(`^${SPACE_CLASS}+|${SPACE_CLASS}+$`, 'gu');
// Checks before the replacements: most cells have no space to remove. The class holds only BMP
// characters, so these need no `u` flag (which makes V8's matcher slower).
const ANY_SPACE = new RegExp(SPACE_CLASS);
const SPACE_START = new RegExp(`^${SPACE_CLASS}`);
const OUTER_SPACE_TEST = new RegExp(`^${SPACE_CLASS}|${SPACE_CLASS}$`);

/** Error values Excel shows in a cell (Office.js hands them over as these strings). */
const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA',
  '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!', '#BUSY!', '#EXTERNAL!', '#PYTHON!',
]);

/** First and one-past-last serial Excel accepts: 1900-01-01 and the day after 9999-12-31. */
const MIN_SERIAL = 1;
const END_SERIAL = 2958466;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
/** Serial of Excel's fictitious 1900-02-29; serials before it are one day off the real calendar. */
const LEAP_BUG_SERIAL = 60;
/** Days from 1970-01-01 back to 1899-12-30, the day Excel's serials (from 61 on) count from. */
const EXCEL_EPOCH_DAYS = -25569;
const MS_PER_DAY = 86_400_000;

/** Whether a cell is empty: null, undefined, `''` or only whitespace (incl. U+3000 and NBSP). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && (v.length === 0 || (SPACE_START.test(v) && ALL_SPACE.test(v))));
}

/** Whether a cell holds an Excel error value such as `#REF!` or `#N/A`. */
export function isExcelError(v: unknown): boolean {
  return typeof v === 'string' && v.includes('#') && EXCEL_ERRORS.has(v.trim().toUpperCase());
}

/**
 * Maps full-width ASCII forms (U+FF01–U+FF5E, e.g. `１２３．５` `（元）` `％`) and the ideographic space to
 * their half-width forms, and the typographic minus signs (U+2212, U+FE63) to `-`.
 */
const NEEDS_HALF_WIDTH = /[\uff01-\uff5e\u3000\u2212\ufe63]/;

function toHalfWidth(s: string): string {
  // Most text has none of these forms: one scan instead of three replacements.
  if (!NEEDS_HALF_WIDTH.test(s)) return s;
  return s
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/gu, ' ')
    .replace(/[\u2212\ufe63]/gu, '-');
}

/** A number as Excel's General format shows it: at most 15 significant digits, no float noise. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

/** Any cell value as text; values that cannot be stringified read as blank. */
function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const serial = dateObjectSerial(v);
    return serial === null ? '' : serialToIso(serial);
  }
  try {
    return String(v);
  } catch {
    return '';
  }
}

/** The checks every parser starts with; `undefined` means "go on parsing". */
function blankOrError(v: unknown): Parsed<never> | undefined {
  if (isBlank(v)) return EMPTY;
  if (isExcelError(v)) return ERROR;
  return undefined;
}

// Sign word or sign, the number (with well-formed thousands separators), then an optional unit.
// A currency sign and the units people type after counts (2天, 30户, 3次) are accepted too.
const NUMBER_TEXT = /^([+-]|扣|减|加)?\s*[¥￥]?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*(万元?|分|元|天|日|户|次|人|个)?$/u;
const NEGATIVE_PREFIXES: ReadonlySet<string> = new Set(['-', '扣', '减']);

/**
 * Reads a number: finite numbers pass through; text may use full-width digits, U+2212 minus,
 * thousands separators, `扣2分`/`减2` (−2), `加1.5分`/`+1.5`, a trailing 分/元 and `万` (×10000).
 * Percentages and booleans are invalid.
 */
export function parseNumber(v: unknown): Parsed<number> {
  const early = blankOrError(v);
  if (early) return early;
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v + 0) : INVALID;
  if (typeof v !== 'string') return INVALID;
  const match = NUMBER_TEXT.exec(toHalfWidth(v).trim());
  if (!match) return INVALID;
  const [, prefix, body = '', unit] = match;
  const digits = body.replace(/,/gu, '');
  // Scale 万 on the decimal text so that 1.23456万 is exactly 12345.6.
  const magnitude = Number(unit?.startsWith('万') ? shiftDecimal(digits, 4) : digits);
  if (!Number.isFinite(magnitude)) return INVALID;
  const value = prefix !== undefined && NEGATIVE_PREFIXES.has(prefix) ? -magnitude : magnitude;
  return ok(value + 0);
}

/** Moves the decimal point of an unsigned decimal text `places` digits to the right. */
function shiftDecimal(text: string, places: number): string {
  const [intPart = '', fracPart = ''] = text.split('.');
  const padded = fracPart.padEnd(places, '0');
  return `${intPart}${padded.slice(0, places)}.${padded.slice(places)}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function monthLength(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isExcelLeapDay = (year: number, month: number, day: number): boolean =>
  year === 1900 && month === 2 && day === 29;

/** Whether a year/month/day is a day Excel can hold (its fictitious 1900-02-29 included). */
function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1) return false;
  return day <= monthLength(year, month) || isExcelLeapDay(year, month, day);
}

/** Excel serial of a valid year/month/day (see isValidYmd). */
function ymdToSerial(year: number, month: number, day: number): number {
  if (isExcelLeapDay(year, month, day)) return LEAP_BUG_SERIAL;
  const serial = daysFromCivil(year, month, day) - EXCEL_EPOCH_DAYS;
  // Excel counts the fictitious 1900-02-29, so real days before it sit one serial lower.
  return serial > LEAP_BUG_SERIAL ? serial : serial - 1;
}

/** The Excel serial of a Date object's UTC calendar day (how exceljs hands over date cells), or null. */
function dateObjectSerial(d: Date): number | null {
  const time = d.getTime();
  if (!Number.isFinite(time)) return null;
  const [year, month, day] = civilFromDays(Math.floor(time / MS_PER_DAY));
  return isValidYmd(year, month, day) ? ymdToSerial(year, month, day) : null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The Excel serial of an integer serial's calendar day; throws RangeError outside Excel's range. */
function checkSerial(serial: number): number {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial >= END_SERIAL) {
    throw new RangeError(`Excel serial out of range: ${serial}`);
  }
  return Math.floor(serial);
}

/**
 * The ISO date (`YYYY-MM-DD`) of an Excel serial; a fractional part (time of day) is dropped.
 * Serial 60 is Excel's fictitious `1900-02-29`. Throws RangeError outside 1 ≤ serial < 2958466.
 */
export function serialToIso(serial: number): string {
  const day = checkSerial(serial);
  if (day === LEAP_BUG_SERIAL) return '1900-02-29';
  const [y, m, d] = civilFromDays(day + EXCEL_EPOCH_DAYS + (day < LEAP_BUG_SERIAL ? 1 : 0));
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** The Excel serial of an ISO date `YYYY-MM-DD` (1900-01-01 … 9999-12-31); throws RangeError otherwise. */
export function isoToSerial(iso: string): number {
  const match = ISO_DATE.exec(iso);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!isValidYmd(year, month, day)) throw new RangeError(`not a valid date: ${iso}`);
  return ymdToSerial(year, month, day);
}

/** The month (`YYYY-MM`) of an Excel serial. */
export function serialMonth(serial: number): string {
  return serialToIso(serial).slice(0, 7);
}

// A date, then whatever follows it (checked against TIME_SUFFIX). Separators of the numeric form must agree.
const DATE_FORMS: readonly RegExp[] = [
  /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?<rest>.*)$/su,
  /^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]?(?<rest>.*)$/su,
  /^(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]?(?<rest>.*)$/su,
];
const TIME_SUFFIX = /^(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/u;

function isTimeSuffix(rest: string): boolean {
  if (rest === '') return true;
  const match = TIME_SUFFIX.exec(rest);
  return match !== null && Number(match[1]) <= 23 && Number(match[2]) <= 59 && Number(match[3] ?? 0) <= 59;
}

/** The year to use for a date or month typed without one; null when none is usable. */
const usableYear = (year: number | null): number | null =>
  year !== null && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : null;

/**
 * Reads a date as an Excel serial day number (integer). Numbers are serials (time of day dropped,
 * 1 ≤ serial < 2958466); text may be `2015-04-02`, `2015/4/2`, `2015.4.2`, `2015年4月2日`/`号`, or
 * `4月2日` (the year from `year`, invalid without it), optionally followed by an ignored time `09:30`.
 * Impossible dates such as 2015-02-30 are invalid.
 */
export function parseDate(v: unknown, year: number | null): Parsed<number> {
  const early = blankOrError(v);
  if (early) return early;
  if (typeof v === 'number') {
    return Number.isFinite(v) && v >= MIN_SERIAL && v < END_SERIAL ? ok(Math.floor(v)) : INVALID;
  }
  if (v instanceof Date) {
    const serial = dateObjectSerial(v);
    return serial === null ? INVALID : ok(serial);
  }
  if (typeof v !== 'string') return INVALID;
  const text = toHalfWidth(v).trim();
  for (const form of DATE_FORMS) {
    const groups = form.exec(text)?.groups;
    if (!groups) continue;
    if (!isTimeSuffix(groups.rest ?? '')) return INVALID;
    const y = groups.y === undefined ? usableYear(year) : Number(groups.y);
    const m = Number(groups.m);
    const d = Number(groups.d);
    return y !== null && isValidYmd(y, m, d) ? ok(ymdToSerial(y, m, d)) : INVALID;
  }
  return INVALID;
}

const MONTH_FORMS: readonly RegExp[] = [
  /^(?<y>\d{4})[-/.](?<m>\d{1,2})$/u,
  /^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月份?$/u,
  /^(?<m>\d{1,2})\s*月份?$/u,
  /^(?<m>\d{1,2})$/u,
];

function yearMonth(year: number | null, month: number): Parsed<string> {
  if (year === null || !isValidYmd(year, month, 1)) return INVALID;
  return ok(`${year}-${pad2(month)}`);
}

/**
 * Reads a month as `YYYY-MM`: `2015-04`, `2015-4`, `2015/04`, `2015.4`, `2015年4月`, `4月`/`4月份`
 * (the year from `year`), anything parseDate accepts (its month), or an Excel serial (its month).
 * A bare month number 1–12 (typed as number or text) is that month of `year`, since no serial that
 * small is a plausible date. Month 13 is invalid.
 */
export function parseMonth(v: unknown, year: number | null): Parsed<string> {
  const early = blankOrError(v);
  if (early) return early;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12) return yearMonth(usableYear(year), v);
  if (typeof v === 'string') {
    const text = toHalfWidth(v).trim();
    for (const form of MONTH_FORMS) {
      const groups = form.exec(text)?.groups;
      if (groups) return yearMonth(groups.y === undefined ? usableYear(year) : Number(groups.y), Number(groups.m));
    }
  }
  const date = parseDate(v, year);
  return date.ok ? ok(serialMonth(date.value)) : date;
}

const YES: ReadonlySet<string> = new Set(['是', '已', '有', '同意', '√', '✓', '✔', '☑', 'y', 'yes', 'true', '1']);
const NO: ReadonlySet<string> = new Set(['否', '未', '无', '不同意', '×', 'x', '✗', '✘', '☒', 'n', 'no', 'false', '0']);
/** `已上交`, `未审批`: a done/not-done answer that names the action. */
const DONE_PHRASE = /^([已未])\p{Script=Han}{1,4}$/u;

/**
 * Reads a yes/no answer: 是/否, √/× (also ✓ ✔ ✗ ✘ x X), Y/N and yes/no in any case, 已/未 (also
 * `已上交`-style phrases), 有/无, 同意/不同意, 1/0 and booleans. Blank is 'empty'.
 */
export function parseYesNo(v: unknown): Parsed<boolean> {
  const early = blankOrError(v);
  if (early) return early;
  if (typeof v === 'boolean') return ok(v);
  if (typeof v !== 'string' && typeof v !== 'number') return INVALID;
  const text = toHalfWidth(String(v)).replace(SPACE, '').toLowerCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  const phrase = DONE_PHRASE.exec(text);
  return phrase ? ok(phrase[1] === '已') : INVALID;
}

/** A name for matching: the cell's text with every whitespace (full-width and inner ones too) removed. */
export function normName(v: unknown): string {
  const text = toText(v);
  return ANY_SPACE.test(text) ? text.replace(SPACE, '') : text;
}

/** Free text: the cell's text trimmed (inner spaces kept); numbers as Excel shows them, booleans TRUE/FALSE. */
export function normText(v: unknown): string {
  const text = toText(v);
  return OUTER_SPACE_TEST.test(text) ? text.replace(OUTER_SPACE, '') : text;
}

/** A trailing unit such as `(元)` `(分)` `(%)`: any short parenthesised suffix. */
const UNIT_SUFFIX = /\([^()]{1,3}\)$/u;

/**
 * A header for matching: full-width forms to half-width, all whitespace removed, trailing units such
 * as `（元）` removed (repeatedly, so the result is stable), ASCII lowercased.
 * `'年度工作经费（元）'` → `'年度工作经费'`, `' 加减分(分) '` → `'加减分'`.
 */
export function normHeader(v: unknown): string {
  let text = toHalfWidth(toText(v)).replace(SPACE, '');
  while (UNIT_SUFFIX.test(text)) text = text.replace(UNIT_SUFFIX, '');
  return text.replace(/[A-Z]/gu, (c) => c.toLowerCase());
}

/** How to quote a cell in a Chinese message: text as typed (trimmed), numbers as Excel shows them, blank as `（空）`. */
export function displayValue(v: unknown): string {
  if (isBlank(v)) return '（空）';
  const text = normText(v);
  // Messages quote the value; a pasted essay is shortened so the issue list stays readable.
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}

const MAX_QUOTE = 40;
