/**
 * Reads the 参数 sheet (SPEC §4): required keys 乡镇, 年度, 考核月份; every other key has a default
 * the town can change. Values are kept in integer units (fen, hundredths).
 */
import type { DetectedTable } from './detectTables.js';
import type { IssueList } from './issues.js';
import { displayValue, normName, parseMonth, parseNumber, parseYesNo } from './normalize.js';
import { toScaled } from './rounding.js';
import { address } from './sheets.js';
import { suggest } from './suggest.js';
import { PARAM_DEFAULTS, PARAMS, type ParamKind } from './tables.js';
import { eachRow, MAX_NUMBER } from './rowReader.js';

export interface Params {
  town: string;
  year: number;
  /** `YYYY-MM`, the month assessed. */
  month: string;
  /** 1..12 */
  monthNo: number;
  villageBaseH: number;
  missedSignInFen: number;
  absenceFen: number;
  leaderLeaveDaysH: number;
  rankSteps: number;
  rankRewardFen: number;
  classRewardFen: number;
  stackRewards: boolean;
  /** 计划完成率权重 in ten-thousandths (0..10000). */
  planWeight: number;
  lateToAbsence: number;
  unapprovedLeaveAsAbsence: boolean;
  financePenaltyH: number;
}

const EXPECT: Record<Exclude<ParamKind, 'text' | 'year' | 'month'>, string> = {
  points: '数字',
  fen: '金额（元）',
  int: '不小于 0 的整数',
  yesno: '是或否',
  weight: '0 到 1 之间的小数，如 0.2',
};

const scalePercent = (p: ReturnType<typeof parseNumber>): ReturnType<typeof parseNumber> => (p.ok ? { ok: true, value: p.value / 100 } : p);

/**
 * Reads 参数; `params` is null (with errors reported) when a required key is missing or a value is invalid.
 * @param monthOverride - `YYYY-MM` from the caller, which replaces 考核月份
 */
export function readParams(tables: DetectedTable[] | undefined, monthOverride: string | undefined, issues: IssueList): { params: Params | null; year: number | null } {
  const raw = new Map<string, { value: unknown; sheet: string; cell: string }>();
  let sheetName = '参数';
  let nextCell = 'A2';
  for (const r of eachRow(tables, { year: null, issues })) {
    sheetName = r.sheet;
    nextCell = address(r.row + 1, r.table.cols.get('key')!);
    const key = normName(r.raw('key'));
    if (!key) continue;
    if (!Object.hasOwn(PARAM_DEFAULTS, key)) {
      const near = suggest(key, Object.keys(PARAM_DEFAULTS));
      r.warning('key', 'unknown_param', `参数「${key}」无法识别，将被忽略${near ? `；是否为「${near}」？` : '。'}`);
      continue;
    }
    if (raw.has(key)) r.error('key', 'duplicate_param', `参数「${key}」重复填写（另见 ${raw.get(key)!.cell}）。`);
    raw.set(key, { value: r.raw('value'), sheet: r.sheet, cell: r.cell('value') });
  }
  if (!tables?.length) return { params: null, year: null };

  let ok = true;
  const fail = (key: string, code: string, message: string) => {
    ok = false;
    const at = raw.get(key);
    issues.error(at?.sheet ?? sheetName, at?.cell ?? nextCell, code, message);
  };
  const text = (key: string): string => normName(raw.get(key)?.value ?? '');

  const town = text('乡镇');
  if (!town) fail('乡镇', 'missing_param', '参数「乡镇」未填写，请填写乡镇名称。');
  // 年度 is often typed 2015年.
  const yearParsed = parseNumber(normName(raw.get('年度')?.value ?? '').replace(/年$/u, ''));
  const year = yearParsed.ok && Number.isInteger(yearParsed.value) && yearParsed.value >= 1900 && yearParsed.value <= 9999 ? yearParsed.value : null;
  if (year === null) {
    fail('年度', raw.has('年度') && text('年度') ? 'invalid_param' : 'missing_param', `参数「年度」${text('年度') ? `「${text('年度')}」无法识别` : '未填写'}，应填写四位年份，如 2015。`);
  }

  let month: string | null = null;
  if (monthOverride !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(monthOverride);
    if (!m) fail('考核月份', 'invalid_param', `指定的考核月份「${monthOverride}」格式不对，应为 YYYY-MM，如 2015-04。`);
    else month = monthOverride;
  } else {
    const parsed = parseMonth(raw.get('考核月份')?.value ?? '', year);
    if (parsed.ok) month = parsed.value;
    else fail('考核月份', parsed.reason === 'empty' ? 'missing_param' : 'invalid_param', `参数「考核月份」${parsed.reason === 'empty' ? '未填写' : `「${displayValue(raw.get('考核月份')?.value)}」无法识别`}，应填写如 2015-04。`);
  }
  if (month && year !== null && !month.startsWith(`${year}-`)) fail('考核月份', 'date_out_of_year', `考核月份 ${month} 不在年度 ${year} 年内。`);

  const values = new Map<string, number | boolean>();
  for (const { key, kind } of PARAMS) {
    if (kind === 'text' || kind === 'year' || kind === 'month') continue;
    const at = raw.get(key);
    const value = at && normName(at.value) !== '' ? at.value : PARAM_DEFAULTS[key]!;
    if (kind === 'yesno') {
      const yn = parseYesNo(value);
      if (yn.ok) values.set(key, yn.value);
      else fail(key, 'invalid_param', `参数「${key}」的值「${displayValue(value)}」无法识别，应填写${EXPECT[kind]}。`);
      continue;
    }
    // A weight may be typed as a percentage (20%).
    const percent = kind === 'weight' && typeof value === 'string' ? /^(.*?)\s*[%％]$/u.exec(value.trim()) : null;
    const parsedValue = percent ? scalePercent(parseNumber(percent[1])) : parseNumber(value);
    const n: typeof parsedValue = parsedValue.ok && parsedValue.value > MAX_NUMBER ? { ok: false, reason: 'invalid' } : parsedValue;
    const scaled = !n.ok ? null : kind === 'int' ? (Number.isInteger(n.value) && n.value >= 0 ? n.value : null) : kind === 'weight' ? (n.value >= 0 && n.value <= 1 ? toScaled(n.value, 4) : null) : n.value >= 0 ? toScaled(n.value, 2) : null;
    if (scaled === null) fail(key, 'invalid_param', `参数「${key}」的值「${displayValue(value)}」无效，应填写${EXPECT[kind]}。`);
    else values.set(key, scaled);
  }
  if (!ok || year === null || !month) return { params: null, year };
  const num = (k: string) => values.get(k) as number;
  const bool = (k: string) => values.get(k) as boolean;
  const params: Params = {
    town,
    year,
    month,
    monthNo: Number(month.slice(5)),
    villageBaseH: num('村基础分'),
    missedSignInFen: num('缺签扣款'),
    absenceFen: num('旷工扣款'),
    leaderLeaveDaysH: num('组长批假天数'),
    rankSteps: num('排名前进位次'),
    rankRewardFen: num('排名前进奖励'),
    classRewardFen: num('进类奖励'),
    stackRewards: bool('奖励可叠加'),
    planWeight: num('计划完成率权重'),
    lateToAbsence: num('迟到早退折算旷工次数'),
    unapprovedLeaveAsAbsence: bool('未批准请假按旷工'),
    financePenaltyH: num('财务违规扣分'),
  };
  return { params, year };
}
