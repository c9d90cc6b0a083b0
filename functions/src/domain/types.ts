/**
 * Public types of the assessment engine: what `compute` takes and what it returns (SPEC §5).
 * Every shell (Lambda, local server, CLI, browser mode, add-in) speaks these types.
 */

import type { CorrectionInput } from './correction.js';

/** A cell value as Excel hands it over: numbers (dates as Excel serials), strings, booleans, `""` for empty. */
export type CellValue = string | number | boolean | null;

/**
 * One rectangular block of a sheet. A large sheet may arrive as several grids with the same
 * `name` and different `origin`s (the add-in chunks reads under Excel on the web's 5 MB limit).
 */
export interface Grid {
  /** Sheet name as shown on the tab. */
  name: string;
  /** A1 address of the top-left cell of `values`, e.g. `"A1"` or `"A5001"`. */
  origin: string;
  /** Row-major values; rows may be ragged. Anything that is not a CellValue is treated as text. */
  values: unknown[][];
}

/** Options of one computation. */
export interface ComputeOptions {
  /** Overrides 参数 考核月份; `YYYY-MM`. */
  month?: string;
  /**
   * The rows stored when the month was finalised (定稿). When given, any difference from the
   * current rows of that month is an error `finalized_month_changed` naming each changed cell.
   */
  finalizedRows?: MonthRow[];
  /**
   * The month is being corrected (更正): the facts of the correction and the finalised version it
   * corrects; the 通报 gains the section 更正说明 with the differences.
   */
  correction?: CorrectionInput;
}

export type Severity = 'error' | 'warning';

/** One validation finding, addressed to a cell. */
export interface Issue {
  sheet: string;
  /** A1 address of the offending cell. */
  cell: string;
  severity: Severity;
  /** Stable snake_case code, e.g. `unknown_village`. */
  code: string;
  /** Chinese message quoting the bad value and what is expected. */
  message: string;
}

/** Counts of a whole issue list, also when an answer lists only part of it. */
export interface IssueTotals {
  errors: number;
  warnings: number;
  /** Issues per code, e.g. `{ unknown_person: 45000 }`. */
  byCode: Record<string, number>;
}

export interface RoleResult {
  role: '支书' | '主任' | '秘书' | '专干';
  name: string | null;
  monthDeduction: number;
  ytdDeduction: number;
}

export interface VillageResult {
  village: string;
  monthBonus: number;
  monthDeduction: number;
  monthScore: number;
  monthRank: number;
  ytdBonus: number;
  ytdDeduction: number;
  ytdScore: number;
  ytdRank: number;
  byGroup: Record<string, { bonus: number; deduction: number }>;
  roles: RoleResult[];
}

export interface GroupResult {
  group: string;
  leader: string;
  inspectionScore: number | null;
  planItems: number;
  planCompletion: number | null;
  onTimeCompletion: number | null;
  monthScore: number | null;
  missedSignIns: number;
  absentDays: number;
  /** Yuan. */
  leaderPenalty: number;
  fundBase: number;
  fundPaid: number;
  fundWithheld: number;
  ytdFundPaid: number;
  rankAdvance: number | null;
  classImproved: boolean;
  reward: number;
  lastInDistrict: boolean;
  awardEligible: boolean;
}

export interface StaffResult {
  name: string;
  group: string | null;
  missedSignIns: number;
  absentDays: number;
  late: number;
  earlyLeave: number;
  planItems: number;
  planCompletion: number | null;
  awardEligible: boolean;
}

export interface LeaveResult {
  /** A1 address of the leave row's 姓名 cell on sheet 请假. */
  cell: string;
  name: string;
  days: number;
  valid: boolean;
  reason: string | null;
}

export interface FinanceResult {
  village: string;
  violations: number;
  /** Yuan. */
  undepositedIncome: number;
}

export interface SurveyResult {
  village: string;
  awarenessRate: number | null;
  phoneAccuracyRate: number | null;
}

export interface AccountabilityResult {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
  unit: string;
  kind: string;
  action: string | null;
  deduction: number;
}

/** One 申诉 row of the workbook (R13), as SPEC §5 lists it. */
export interface AppealResult {
  /** A1 address of the row's 村 cell on sheet 申诉. */
  cell: string;
  village: string;
  /** 记录日期, `YYYY-MM-DD`. */
  date: string;
  /** 细则编号. */
  rule: string;
  /** 原分值. */
  points: number;
  result: '待处理' | '维持' | '撤销' | '改为';
  /** 改为分值; null unless `result` is 改为. */
  newPoints: number | null;
  /** True when the row changed its entry (撤销, or 改为 another value). */
  applied: boolean;
}

/** One score entry of the month as a village's statement (村考核明细) lists it. */
export interface StatementEntry {
  /** `YYYY-MM-DD`. */
  date: string;
  group: string;
  rule: string;
  /** 项目 of the rule. */
  item: string;
  /** 加减分 as counted: after the 申诉 and the 加分上限 (0 for a 撤销 entry). */
  points: number;
  reason: string;
  /** 责任人 as written. */
  responsible: string | null;
  /** The 申诉 of this entry, e.g. `维持`, `撤销（原 -2）`, `改为 -1（原 -2）`; null without one. */
  appeal: string | null;
}

/** A 问责 or finance deduction of the month on a village. */
export interface StatementDeduction {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `问责：周秘书慢作为` or `村级财务违规`. */
  what: string;
  /** Points deducted (positive). */
  points: number;
  reason: string;
}

/**
 * What a village's 村考核明细 shows beyond its `villages` row: the month's entries and other
 * deductions, and its 月度得分 of every month from January to the assessed month. Written for the
 * result writers; it is an addition to the JSON of SPEC §5, which it does not change.
 */
export interface VillageStatement {
  village: string;
  entries: StatementEntry[];
  deductions: StatementDeduction[];
  /** 月度得分 of months 1..m (index 0 = January). */
  monthScores: number[];
}

/** The result JSON of SPEC §5. With status `invalid`, only `issues` is filled (town, year, month null; the lists empty). */
export interface AssessmentResult {
  status: 'ok' | 'invalid';
  town: string | null;
  year: number | null;
  /** `YYYY-MM`. */
  month: string | null;
  issues: Issue[];
  /**
   * Set by the service (never by the engine): whether `issues` was cut to the answer limit, and
   * the totals of the whole list (see `issueCap.ts`).
   */
  issuesTruncated?: boolean;
  issueTotals?: IssueTotals;
  villages: VillageResult[];
  groups: GroupResult[];
  staff: StaffResult[];
  leaves: LeaveResult[];
  finance: FinanceResult[];
  survey: SurveyResult[];
  accountability: AccountabilityResult[];
  appeals: AppealResult[];
  bulletin: string[];
  /** One statement per village, in 村 order: the data of the 村考核明细 sheet (not part of SPEC §5's list). */
  statements: VillageStatement[];
}

/**
 * One input row that belongs to a month, as used for the 定稿 lock (SPEC §6):
 * the service stores these at finalisation and compares them on later computes.
 */
export interface MonthRow {
  /** `YYYY-MM` the row belongs to. */
  month: string;
  sheet: string;
  /** Row number in the sheet (1-based). */
  row: number;
  /** The row's recognised cells by A1 address, as displayed text (normalised, not raw). */
  cells: Record<string, string>;
  /**
   * Rows of 参数, 组别, 人员 and 考核细则 only: the row's identity (`参数:村基础分`, `组别:计生组`,
   * `人员:张三`, `考核细则:JS-03`). Such rows are compared by key, column by column.
   */
  key?: string;
  /** With `key`: the column header of each cell (compared by header, so moving a column is no change). */
  labels?: Record<string, string>;
}
