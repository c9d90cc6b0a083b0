/**
 * Reads every detected table into the typed model the rules work on, validating each cell and
 * every cross-reference (村, 组, 人员, 细则编号) with a suggestion of the nearest valid name.
 */
import type { DetectedTable } from './detectTables.js';
import { isExcelError, normName, parseNumber, serialMonth, serialToIso } from './normalize.js';
import { columnsOf, emptyCell, MonthCells, MonthOf, plainDate, plainNumber, plainText, yearRange } from './fastCells.js';
import { eachRow, MAX_NUMBER, RowReader, type ReadContext } from './rowReader.js';
import { pointsToHundredths, toScaled } from './rounding.js';
import { address, columnName } from './sheets.js';
import { PersonDirectory } from './persons.js';
import { suggest } from './suggest.js';
import {
  ACCOUNTABILITY_ACTIONS,
  ACCOUNTABILITY_KINDS,
  ATTENDANCE_METHODS,
  ATTENDANCE_RESULTS,
  CLASSES,
  FINANCE_TYPES,
  PLAN_STATES,
  VILLAGE_ROLES,
  type TableKey,
} from './tables.js';
import type { Params } from './readParams.js';
import type { CellValue } from './types.js';
import { readAppeals, type Appeal } from './appeals.js';

export type Role = (typeof VILLAGE_ROLES)[number];
export type AttendanceResult = (typeof ATTENDANCE_RESULTS)[number];

export interface Person {
  index: number;
  name: string;
  group: string | null;
  position: string;
  id: string | null;
  /** Sheet and A1 of the 姓名 cell on 人员. */
  sheet: string;
  cell: string;
}

export interface Group {
  name: string;
  leader: string;
  leaderPerson: Person | null;
  budgetFen: number;
  lastRank: number | null;
  rank: number | null;
  units: number | null;
  lastClass: number | null;
  klass: number | null;
}

export interface Village {
  name: string;
  roles: Record<Role, string | null>;
  /** 驻村领导, a town cadre: named as 责任人 the deduction is not attributed to a village role. */
  leader: string | null;
}

export interface RuleItem {
  code: string;
  category: string;
  item: string;
  group: string;
  bonusCapH: number | null;
  /** Role shares in hundredths of a percent (sum 10000), in written order. */
  split: { role: Role; share: number }[] | null;
}

export interface ScoreEntry {
  /** Order of reading: sheet order then row order. */
  seq: number;
  sheet: string;
  cell: string;
  date: number;
  month: string;
  village: string;
  code: string;
  pointsH: number;
  reason: string;
  group: string;
  /** 责任人 as written (normalised), if any. */
  responsible: string | null;
  /** Role the entry is charged to by its 责任人, if any. */
  responsibleRole: Role | null;
}

export interface AttendanceRow {
  date: number;
  month: string;
  person: Person;
  result: AttendanceResult;
  /** Days in hundredths (旷工 rows; default 1 day). */
  daysH: number;
  sheet: string;
  cell: string;
}

export interface LeaveRow {
  cell: string;
  sheet: string;
  person: Person;
  start: number;
  end: number;
  daysH: number;
  leaderApproval: string;
  leaderApprovalCell: string;
  headApproval: string;
  headApprovalCell: string;
}

export interface PlanRow {
  month: string;
  person: Person;
  state: (typeof PLAN_STATES)[number];
}

export interface InspectionRow {
  month: string;
  group: string;
  scoreH: number;
}

export interface AccountabilityRow {
  date: number;
  month: string;
  name: string;
  unit: string;
  unitIsVillage: boolean;
  kind: string;
  reason: string;
  action: string | null;
  pointsH: number;
  /** The role of the named village cadre in the unit village, if the person is one. */
  role: Role | null;
}

export interface FinanceRow {
  date: number;
  month: string;
  village: string;
  type: (typeof FINANCE_TYPES)[number];
  amountFen: number;
  /** Cells of the violations of this row (empty when compliant). */
  violations: { cell: string; message: string }[];
  sheet: string;
}

export interface SurveyRow {
  village: string;
  month: string | null;
  households: number;
  aware: number;
  phones: number;
  accuratePhones: number;
}

export interface Model {
  params: Params;
  groups: Group[];
  persons: Person[];
  /** Resolves the person references of columns kept as written (the leave approvals). */
  people: PersonDirectory;
  villages: Village[];
  rules: Map<string, RuleItem>;
  scores: readonly ScoreEntry[];
  attendance: AttendanceRow[];
  leaves: LeaveRow[];
  plans: PlanRow[];
  /** Whether the workbook has a 月度计划 sheet at all; without one, plans contribute nothing. */
  hasPlans: boolean;
  inspections: InspectionRow[];
  accountability: AccountabilityRow[];
  finance: FinanceRow[];
  survey: SurveyRow[];
  /** 申诉 rows (R13) in sheet order, each with the score entry it names. */
  appeals: Appeal[];
}

const ROLE_ALIASES = new Map<string, Role>([
  ['支书', '支书'],
  ['村支书', '支书'],
  ['书记', '支书'],
  ['主任', '主任'],
  ['村主任', '主任'],
  ['秘书', '秘书'],
  ['专干', '专干'],
  ['计生专干', '专干'],
]);

function unknown(r: RowReader, key: string, what: string, value: string, candidates: readonly string[], code: string): void {
  const near = suggest(value, candidates);
  r.error(key, code, `${what}「${value}」不存在${near ? `，是否为「${near}」？` : '，请检查名称。'}`);
}

/** Reads a person reference from a row, reporting what cannot be resolved at its cell. */
function readPerson(r: RowReader, key: string, people: PersonDirectory): Person | null {
  const value = r.name(key);
  if (!value) return null;
  const found = people.resolve(value);
  if (!found.person) r.error(key, found.code, found.message);
  return found.person;
}

function readGroups(rows: Iterable<RowReader>): { groups: Group[]; rows: Map<string, RowReader> } {
  const groups: Group[] = [];
  const byName = new Map<string, RowReader>();
  const classOf = (r: RowReader, key: string): number | null => {
    const v = r.name(key, false);
    if (!v) return null;
    const digit = parseNumber(v);
    if (digit.ok && Number.isInteger(digit.value) && digit.value >= 1 && digit.value <= 4) return digit.value;
    const i = (CLASSES as readonly string[]).indexOf(v);
    if (i >= 0) return i + 1;
    r.error(key, 'invalid_value', `类别「${v}」无法识别，应填写 一类、二类、三类、四类 或 1–4。`);
    return null;
  };
  const rank = (r: RowReader, key: string): number | null => {
    const n = r.number(key, false);
    if (n === null) return null;
    if (!Number.isInteger(n) || n < 1) {
      r.error(key, 'out_of_range', `排名或单位数「${n}」应为正整数。`);
      return null;
    }
    return n;
  };
  for (const r of rows) {
    const name = r.name('group');
    const leader = r.name('leader');
    const budgetFen = r.money('budget');
    const g = { lastRank: rank(r, 'lastRank'), rank: rank(r, 'rank'), units: rank(r, 'units'), lastClass: classOf(r, 'lastClass'), klass: classOf(r, 'class') };
    if (!name || !leader || budgetFen === null) continue;
    if (byName.has(name)) {
      r.error('group', 'duplicate_group', `组名「${name}」重复出现（首次在 ${byName.get(name)!.cell('group')}）。`);
      continue;
    }
    if (budgetFen < 0) r.error('budget', 'out_of_range', `年度工作经费「${budgetFen / 100}」不能为负数。`);
    byName.set(name, r);
    groups.push({ name, leader, leaderPerson: null, budgetFen, ...g });
  }
  return { groups, rows: byName };
}

function readPersons(rows: Iterable<RowReader>, groupNames: readonly string[]): Person[] {
  const persons: Person[] = [];
  const seen = new Map<string, Person>();
  for (const r of rows) {
    const name = r.name('name');
    const position = r.name('position') ?? '';
    const id = r.text('id', false) || null;
    let group = r.name('group', false) || null;
    if (!name) continue;
    if (group && !groupNames.includes(group)) {
      unknown(r, 'group', '所在组', group, groupNames, 'unknown_group');
      group = null;
    }
    if (!group && !['书记', '镇长'].includes(position) && !r.name('group', false)) {
      r.error('group', 'missing_value', `「${name}」的所在组为空；只有书记、镇长可以不填所在组。`);
    }
    const person: Person = { index: persons.length, name, group, position, id, sheet: r.sheet, cell: r.cell('name') };
    const first = seen.get(name);
    if (first && (!id || !first.id || id === first.id)) r.error('name', 'duplicate_person', `人员「${name}」重名（另见 ${first.cell}），重名人员必须填写不同的工号。`);
    if (!first) seen.set(name, person);
    persons.push(person);
  }
  return persons;
}

function readVillages(rows: Iterable<RowReader>): Village[] {
  const villages: Village[] = [];
  for (const r of rows) {
    const name = r.name('village');
    if (!name) continue;
    if (villages.some((v) => v.name === name)) {
      r.error('village', 'duplicate_village', `村名「${name}」重复出现。`);
      continue;
    }
    const role = (key: string) => r.name(key, false) || null;
    villages.push({ name, roles: { 支书: role('secretary'), 主任: role('director'), 秘书: role('clerk'), 专干: role('officer') }, leader: role('leader') });
  }
  return villages;
}

function parseSplit(r: RowReader, text: string): RuleItem['split'] {
  const parts = text.split(/[、，,；;\s]+/).filter(Boolean);
  const split: { role: Role; share: number }[] = [];
  for (const part of parts) {
    const m = /^(\D+?)[:：]?([\d.]+)[%％]$/.exec(part);
    const role = m ? ROLE_ALIASES.get(m[1]!) : undefined;
    if (!m || !role || split.some((s) => s.role === role)) {
      r.error('split', 'invalid_split', `责任分解「${text}」中的「${part}」无法识别，应写成如「支书30%、主任20%、秘书20%、专干30%」。`);
      return null;
    }
    split.push({ role, share: toScaled(Number(m[2]), 2) });
  }
  const total = split.reduce((s, x) => s + x.share, 0);
  if (split.length > 0 && total !== 10000) {
    r.error('split', 'split_not_100', `责任分解「${text}」的比例合计为 ${total / 100}%，应为 100%。`);
    return null;
  }
  return split.length > 0 ? split : null;
}

function readRules(rows: Iterable<RowReader>, groupNames: readonly string[]): Map<string, RuleItem> {
  const rules = new Map<string, RuleItem>();
  const firstCell = new Map<string, string>();
  for (const r of rows) {
    const code = r.name('code');
    const category = r.text('category');
    const item = r.text('item');
    const group = r.name('group');
    r.number('points', false);
    const bonusCap = r.points('bonusCap', false);
    const splitText = r.text('split', false);
    if (group && !groupNames.includes(group)) unknown(r, 'group', '考核组', group, groupNames, 'unknown_group');
    const split = splitText ? parseSplit(r, splitText) : null;
    if (!code) continue;
    if (firstCell.has(code)) {
      r.error('code', 'duplicate_rule_code', `细则编号「${code}」重复使用（首次在 ${firstCell.get(code)}），每个编号只能用一次。`);
      continue;
    }
    firstCell.set(code, r.cell('code'));
    if (bonusCap !== null && bonusCap < 0) r.error('bonusCap', 'out_of_range', `加分上限「${bonusCap / 100}」不能为负数。`);
    rules.set(code, { code, category: category ?? '', item: item ?? '', group: group ?? '', bonusCapH: bonusCap, split });
  }
  return rules;
}

function responsibleRole(r: RowReader, village: Village | undefined, people: PersonDirectory): Role | null {
  const value = r.name('responsible', false);
  if (!value) return null;
  // A town cadre (the 驻村领导 or anyone in 人员) may be named; R8 then attributes the deduction to no role.
  const person = people.resolve(value);
  if (person.person || value === village?.leader) return null;
  const alias = ROLE_ALIASES.get(value);
  if (alias) return alias;
  if (!village) return null;
  const role = VILLAGE_ROLES.find((x) => village.roles[x] === value);
  if (role) return role;
  // Written as a person (姓名（工号）, or a name two people share): the error every person column gives.
  if (person.withId || person.code === 'ambiguous_person') {
    r.error('responsible', person.code, person.message);
    return null;
  }
  const candidates = [...VILLAGE_ROLES, ...VILLAGE_ROLES.map((x) => village.roles[x]).filter((x): x is string => !!x)];
  unknown(r, 'responsible', `责任人（${village.name}的村干部、职务或镇干部）`, value, candidates, 'unknown_responsible');
  return null;
}

/** What the duplicate check compares of a score row: a {@link ScoreEntry}, or a row of 0 points. */
type EntryFields = Pick<ScoreEntry, 'pointsH' | 'reason' | 'group' | 'responsibleRole' | 'sheet' | 'cell'>;

/**
 * The first of identical score entries. Village, rule and day of the year make one small integer
 * key in an open-addressing table of typed arrays (a short text in a map outside the year's
 * range); the entries of one key are chained and compared on points and texts.
 */
class EntryIndex {
  private readonly slots: Int32Array;
  private readonly keys: Int32Array;
  private readonly shift: number;
  private readonly spill = new Map<string, number>();
  private readonly entries: EntryFields[] = [];
  private readonly next: Int32Array;

  constructor(
    private readonly rules: number,
    private readonly firstDay: number | null,
    rows: number,
  ) {
    let bits = 4;
    while (1 << bits < rows * 2) bits++;
    this.shift = 32 - bits;
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.keys = new Int32Array(1 << bits);
    this.next = new Int32Array(rows);
  }

  /** The entry seen first with the same fields as `entry`, or undefined after remembering `entry`. */
  firstOf(date: number, village: number, rule: number, entry: EntryFields): EntryFields | undefined {
    const day = this.firstDay === null ? -1 : date - this.firstDay;
    const n = (village * this.rules + rule) * 512 + day;
    let slot = -1;
    let head: number;
    if (day >= 0 && day < 512 && n < 2 ** 30) {
      // Fibonacci hashing: the high bits of the product spread keys that differ only in high bits.
      const mask = this.slots.length - 1;
      slot = Math.imul(n, 0x9e3779b1) >>> this.shift;
      while (this.slots[slot]! >= 0 && this.keys[slot] !== n) slot = (slot + 1) & mask;
      head = this.slots[slot]!;
      this.keys[slot] = n;
    } else head = this.spill.get(`${village}|${rule}|${date}`) ?? -1;
    let last = -1;
    for (let i = head; i >= 0; i = this.next[i]!) {
      const e = this.entries[i]!;
      if (e.pointsH === entry.pointsH && e.reason === entry.reason && e.group === entry.group && e.responsibleRole === entry.responsibleRole) return e;
      last = i;
    }
    const id = this.entries.length;
    this.entries.push(entry);
    this.next[id] = -1;
    if (last >= 0) this.next[last] = id;
    else if (slot >= 0) this.slots[slot] = id;
    else this.spill.set(`${village}|${rule}|${date}`, id);
    return undefined;
  }
}

const SCORE_COLUMNS = ['date', 'village', 'code', 'points', 'reason', 'group', 'responsible'] as const;

function readScores(tables: DetectedTable[] | undefined, ctx: ReadContext, m: Pick<Model, 'villages' | 'rules' | 'groups'>, people: PersonDirectory): ScoreEntry[] {
  const groupNames = m.groups.map((g) => g.name);
  const groupSet = new Set(groupNames);
  const villageNames = m.villages.map((v) => v.name);
  const villageIndex = new Map(m.villages.map((v, i) => [v.name, i]));
  const ruleIndex = new Map([...m.rules.keys()].map((code, i) => [code, i]));
  const entries: ScoreEntry[] = [];
  // The role a plain 责任人 text charges in a village, as responsibleRole reads it; undefined where
  // that reports a problem (the full reader then does).
  const roles = m.villages.map(() => new Map<string, Role | null | undefined>());
  const roleOf = (village: number, written: string): Role | null | undefined => {
    const known = roles[village]!;
    if (known.has(written)) return known.get(written);
    const value = normName(written);
    const v = m.villages[village]!;
    const role = people.personOf(written) || value === v.leader ? null : (ROLE_ALIASES.get(value) ?? VILLAGE_ROLES.find((x) => v.roles[x] === value));
    known.set(written, role);
    return role;
  };
  const range = yearRange(ctx);
  const seen = new EntryIndex(ruleIndex.size, range === null ? null : range[0], (tables ?? []).reduce((n, t) => n + t.rows.length, 0));
  const monthOf = new MonthOf(range?.[0]);
  const add = (t: DetectedTable, cell: string, date: number, village: number, rule: RuleItem, pointsH: number, reason: string, group: string, responsible: string | null, role: Role | null) => {
    const entry: ScoreEntry = { seq: entries.length, sheet: t.sheet.name, cell, date, month: monthOf.of(date), village: m.villages[village]!.name, code: rule.code, pointsH, reason, group, responsible, responsibleRole: role };
    const first = seen.firstOf(date, village, ruleIndex.get(rule.code)!, entry);
    if (first) ctx.issues.warning(t.sheet.name, cell, 'duplicate_entry', `与「${first.sheet}」${first.cell} 的记录完全相同，请确认是否重复录入。`);
    if (pointsH !== 0) entries.push(entry);
  };
  for (const t of tables ?? []) {
    if (t.sheetGroup !== null && !groupSet.has(t.sheetGroup)) {
      const near = suggest(t.sheetGroup, groupNames);
      ctx.issues.error(t.sheet.name, address(t.headerRow, Math.min(...t.cols.values())), 'unknown_group', `表名中的组名「${t.sheetGroup}」不存在${near ? `，是否为「${near}」？` : '。'}`);
      continue;
    }
    const c = columnsOf(t, SCORE_COLUMNS);
    const pointsColumn = c.points < 0 ? '' : columnName(c.points + t.sheet.firstCol);
    // The common row (every cell plain, known and consistent, no 责任人) is read from the row array;
    // any other row goes through the reader, which reports what it finds.
    const fast = pointsColumn !== '' && c.date >= 0 && c.village >= 0 && c.code >= 0 && c.reason >= 0 && (t.sheetGroup !== null || c.group >= 0);
    for (const row of t.rows) {
      const cells = t.sheet.rows[row];
      if (fast && cells) {
        const date = plainDate(cells[c.date], range);
        const village = villageIndex.get(cells[c.village] as string);
        const rule = m.rules.get(cells[c.code] as string);
        const points = plainNumber(cells[c.points], MAX_NUMBER);
        const reason = plainText(cells[c.reason]);
        const group = t.sheetGroup ?? (groupSet.has(cells[c.group] as string) ? (cells[c.group] as string) : undefined);
        const written = c.responsible < 0 || emptyCell(cells[c.responsible]) ? null : plainText(cells[c.responsible]);
        const charged = written === null || village === undefined ? null : written === undefined ? undefined : roleOf(village, written);
        if (date !== undefined && village !== undefined && rule && points !== undefined && points !== 0 && reason !== undefined && group !== undefined && (!rule.group || rule.group === group) && charged !== undefined) {
          add(t, `${pointsColumn}${row}`, date, village, rule, pointsToHundredths(points), reason, group, written === null ? null : normName(written), charged);
          continue;
        }
      }
      const r = new RowReader(t, row, ctx);
      const date = r.date('date');
      const villageName = r.name('village');
      const code = r.name('code');
      const pointsH = r.points('points');
      const reason = r.text('reason');
      let group = t.sheetGroup ?? r.name('group');
      const village = villageName ? villageIndex.get(villageName) : undefined;
      if (villageName && village === undefined) unknown(r, 'village', '村名', villageName, villageNames, 'unknown_village');
      const rule = code ? m.rules.get(code) : undefined;
      if (code && !rule) unknown(r, 'code', '细则编号', code, [...m.rules.keys()], 'unknown_rule');
      if (t.sheetGroup === null && group && !groupSet.has(group)) {
        unknown(r, 'group', '考核组', group, groupNames, 'unknown_group');
        group = null;
      }
      if (rule && group && rule.group && rule.group !== group) {
        r.error('code', 'rule_group_mismatch', `细则「${code}」由「${rule.group}」考核，「${group}」不能对此项打分。`);
        continue;
      }
      const role = responsibleRole(r, village === undefined ? undefined : m.villages[village], people);
      if (pointsH === 0) r.warning('points', 'zero_score', `加减分为 0，此条不影响得分；如无需记分请删除此行。`);
      if (date === null || village === undefined || !rule || pointsH === null || !reason || !group) continue;
      // Read without reporting again: responsibleRole has reported any problem of this cell.
      const responsible = isExcelError(r.raw('responsible')) ? null : r.name('responsible', false) || null;
      add(t, r.cell('points'), date, village, rule, pointsH, reason, group, responsible, role);
    }
  }
  return entries;
}

const ATTENDANCE_COLUMNS = ['date', 'name', 'method', 'result', 'days'] as const;
const ATTENDANCE_METHOD_SET: ReadonlySet<CellValue | undefined> = new Set(ATTENDANCE_METHODS);
const ATTENDANCE_RESULT_SET: ReadonlySet<CellValue | undefined> = new Set(ATTENDANCE_RESULTS);

function readAttendance(tables: DetectedTable[] | undefined, ctx: ReadContext, people: PersonDirectory): AttendanceRow[] {
  const out: AttendanceRow[] = [];
  const range = yearRange(ctx);
  const monthOf = new MonthOf(range?.[0]);
  for (const t of tables ?? []) {
    const c = columnsOf(t, ATTENDANCE_COLUMNS);
    const resultColumn = c.result < 0 ? '' : columnName(c.result + t.sheet.firstCol);
    const fast = resultColumn !== '' && c.date >= 0 && c.name >= 0;
    for (const row of t.rows) {
      const cells = t.sheet.rows[row];
      if (fast && cells) {
        // The common row: a serial of the year, a known person, listed words and 天数 blank or 0–31.
        const date = plainDate(cells[c.date], range);
        const name = plainText(cells[c.name]);
        const person = name === undefined ? null : people.personOf(name);
        const method = c.method < 0 ? undefined : cells[c.method];
        const result = cells[c.result];
        const days = c.days < 0 || emptyCell(cells[c.days]) ? null : plainNumber(cells[c.days], MAX_NUMBER);
        if (date !== undefined && person && (emptyCell(method) || ATTENDANCE_METHOD_SET.has(method)) && ATTENDANCE_RESULT_SET.has(result) && days !== undefined && (days === null || (days > 0 && days <= 31))) {
          out.push({ date, month: monthOf.of(date), person, result: result as AttendanceResult, daysH: days === null ? 100 : toScaled(days, 2), sheet: t.sheet.name, cell: `${resultColumn}${row}` });
          continue;
        }
      }
      const r = new RowReader(t, row, ctx);
      const date = r.date('date');
      const person = readPerson(r, 'name', people);
      r.choice('method', ATTENDANCE_METHODS, false);
      const result = r.choice('result', ATTENDANCE_RESULTS);
      const days = r.number('days', false);
      const badDays = days !== null && (days <= 0 || days > 31);
      if (badDays) r.error('days', 'out_of_range', `天数「${days}」应大于 0 且不超过 31。`);
      if (date === null || !person || !result || badDays) continue;
      out.push({ date, month: monthOf.of(date), person, result, daysH: days === null ? 100 : toScaled(days, 2), sheet: r.sheet, cell: r.cell('result') });
    }
  }
  return out;
}

function readLeaves(rows: Iterable<RowReader>, people: PersonDirectory): LeaveRow[] {
  const out: LeaveRow[] = [];
  for (const r of rows) {
    const person = readPerson(r, 'name', people);
    const start = r.date('start');
    const end = r.date('end');
    const days = r.number('days');
    r.text('reason', false);
    const leaderApproval = r.name('leaderApproval', false) ?? '';
    const headApproval = r.name('headApproval', false) ?? '';
    if (start !== null && end !== null && end < start) {
      r.error('end', 'invalid_date_range', `结束日期 ${serialToIso(end)} 早于开始日期 ${serialToIso(start)}。`);
      continue;
    }
    if (days !== null && start !== null && end !== null && (days <= 0 || days > end - start + 1)) {
      r.error('days', 'leave_days_invalid', `请假天数「${days}」应大于 0 且不超过 ${serialToIso(start)} 至 ${serialToIso(end)} 的 ${end - start + 1} 个日历天。`);
      continue;
    }
    if (!person || start === null || end === null || days === null) continue;
    out.push({
      cell: r.cell('name'),
      sheet: r.sheet,
      person,
      start,
      end,
      daysH: toScaled(days, 2),
      leaderApproval,
      leaderApprovalCell: r.cell('leaderApproval'),
      headApproval,
      headApprovalCell: r.cell('headApproval'),
    });
  }
  return out;
}

const PLAN_COLUMNS = ['month', 'name', 'task', 'deadline', 'state'] as const;
const PLAN_STATE_SET: ReadonlySet<CellValue | undefined> = new Set(PLAN_STATES);

function readPlans(tables: DetectedTable[] | undefined, ctx: ReadContext, people: PersonDirectory): PlanRow[] {
  const out: PlanRow[] = [];
  const months = new MonthCells(ctx.year);
  for (const t of tables ?? []) {
    const c = columnsOf(t, PLAN_COLUMNS);
    const fast = c.month >= 0 && c.name >= 0 && c.task >= 0 && c.state >= 0;
    for (const row of t.rows) {
      const cells = t.sheet.rows[row];
      if (fast && cells) {
        // The common row: a month of the year, a known person, a task, a plain 截止 and a listed state.
        const month = months.of(cells[c.month]);
        const name = plainText(cells[c.name]);
        const person = name === undefined ? null : people.personOf(name);
        const deadline = c.deadline < 0 ? undefined : cells[c.deadline];
        const state = cells[c.state];
        if (month !== undefined && person && plainText(cells[c.task]) !== undefined && (emptyCell(deadline) || plainText(deadline) !== undefined || typeof deadline === 'number') && PLAN_STATE_SET.has(state)) {
          out.push({ month, person, state: state as PlanRow['state'] });
          continue;
        }
      }
      const r = new RowReader(t, row, ctx);
      const month = r.month('month');
      const person = readPerson(r, 'name', people);
      r.text('task');
      r.text('deadline', false);
      const state = r.choice('state', PLAN_STATES);
      if (month && person && state) out.push({ month, person, state });
    }
  }
  return out;
}

function readInspections(rows: Iterable<RowReader>, groupNames: readonly string[]): InspectionRow[] {
  const out: InspectionRow[] = [];
  const seen = new Map<string, string>();
  for (const r of rows) {
    const month = r.month('month');
    const group = r.name('group');
    const scoreH = r.points('score');
    r.text('comment', false);
    if (group && !groupNames.includes(group)) unknown(r, 'group', '组名', group, groupNames, 'unknown_group');
    if (scoreH !== null && (scoreH < 0 || scoreH > 10000)) {
      r.error('score', 'out_of_range', `督查得分「${scoreH / 100}」超出范围，应在 0 到 100 之间。`);
      continue;
    }
    if (!month || !group || scoreH === null || !groupNames.includes(group)) continue;
    const key = `${month}|${group}`;
    if (seen.has(key)) {
      r.error('group', 'duplicate_inspection', `「${group}」${month} 的督查得分重复填写（另见 ${seen.get(key)}）。`);
      continue;
    }
    seen.set(key, r.cell('group'));
    out.push({ month, group, scoreH });
  }
  return out;
}

function readAccountability(rows: Iterable<RowReader>, people: PersonDirectory, villages: readonly Village[], groupNames: readonly string[]): AccountabilityRow[] {
  const out: AccountabilityRow[] = [];
  const units = [...villages.map((v) => v.name), ...groupNames];
  const cadres = villages.flatMap((v) => VILLAGE_ROLES.map((role) => v.roles[role]).filter((x): x is string => !!x));
  for (const r of rows) {
    const date = r.date('date');
    const written = r.name('name');
    const unit = r.name('unit');
    const kind = r.choice('kind', ACCOUNTABILITY_KINDS);
    const reason = r.text('reason');
    const action = r.choice('action', ACCOUNTABILITY_ACTIONS, false);
    const points = r.points('points', false);
    if (unit && !units.includes(unit)) unknown(r, 'unit', '单位', unit, units, 'unknown_unit');
    // A 人员 in any accepted form (named by 姓名 in the results), else a village cadre by name.
    const person = written ? people.resolve(written) : null;
    const name = person?.person ? person.person.name : written && cadres.includes(written) ? written : null;
    if (person && !person.person && !name) {
      if (person.withId || person.code === 'ambiguous_person') r.error('name', person.code, person.message);
      else unknown(r, 'name', '人员或村干部', written!, [...people.names(), ...cadres], 'unknown_person');
    }
    if (date === null || !name || !unit || !units.includes(unit) || !kind || !reason) continue;
    const village = villages.find((v) => v.name === unit);
    out.push({
      date,
      month: serialMonth(date),
      name,
      unit,
      unitIsVillage: !!village,
      kind,
      reason,
      action,
      pointsH: village ? Math.abs(points ?? 0) : 0,
      role: village ? (VILLAGE_ROLES.find((x) => village.roles[x] === name) ?? null) : null,
    });
  }
  return out;
}

function readFinance(rows: Iterable<RowReader>, villageNames: readonly string[]): FinanceRow[] {
  const out: FinanceRow[] = [];
  for (const r of rows) {
    const date = r.date('date');
    const village = r.name('village');
    const type = r.choice('type', FINANCE_TYPES);
    const amountFen = r.money('amount');
    const deposited = r.yesNo('deposited');
    const voucher = r.text('voucher', false);
    const approved = r.yesNo('approved');
    if (village && !villageNames.includes(village)) unknown(r, 'village', '村名', village, villageNames, 'unknown_village');
    if (date === null || !village || !villageNames.includes(village) || !type || amountFen === null) continue;
    const violations: FinanceRow['violations'] = [];
    // A blank yes/no cell means 否 (SPEC R11); a missing column is a missing approval on every row.
    const at = (key: string) => (r.has(key) ? r.cell(key) : r.cell('type'));
    if (type === '收入' && deposited !== true) violations.push({ cell: at('deposited'), message: `${village}收入 ${amountFen / 100} 元未上交代管中心。` });
    if (type === '支出' && !voucher) violations.push({ cell: at('voucher'), message: `${village}支出 ${amountFen / 100} 元没有报账单号。` });
    if (type === '资源处置' && approved !== true) violations.push({ cell: at('approved'), message: `${village}资源处置 ${amountFen / 100} 元未经镇审批。` });
    out.push({ date, month: serialMonth(date), village, type, amountFen, violations, sheet: r.sheet });
  }
  return out;
}

function readSurvey(rows: Iterable<RowReader>, villageNames: readonly string[]): SurveyRow[] {
  const out: SurveyRow[] = [];
  const count = (r: RowReader, key: string): number | null => {
    const n = r.number(key);
    if (n !== null && (!Number.isInteger(n) || n < 0)) {
      r.error(key, 'out_of_range', `户数或电话数「${n}」应为不小于 0 的整数。`);
      return null;
    }
    return n;
  };
  for (const r of rows) {
    const village = r.name('village');
    const households = count(r, 'households');
    const aware = count(r, 'aware');
    const phones = count(r, 'phones');
    const accuratePhones = count(r, 'accuratePhones');
    const month = r.month('month', false);
    if (village && !villageNames.includes(village)) unknown(r, 'village', '村名', village, villageNames, 'unknown_village');
    if (households !== null && aware !== null && aware > households) r.error('aware', 'survey_inconsistent', `知晓户数 ${aware} 大于调查户数 ${households}。`);
    if (phones !== null && accuratePhones !== null && accuratePhones > phones) r.error('accuratePhones', 'survey_inconsistent', `准确电话数 ${accuratePhones} 大于登记电话数 ${phones}。`);
    if (!village || households === null || aware === null || phones === null || accuratePhones === null) continue;
    out.push({ village, month, households, aware, phones, accuratePhones });
  }
  return out;
}

/** Reads all tables into the model; problems go to `ctx.issues`. */
export function readModel(tables: Map<TableKey, DetectedTable[]>, params: Params, ctx: ReadContext): Model {
  const rows = (key: TableKey) => eachRow(tables.get(key), ctx);
  const { groups, rows: groupRows } = readGroups(rows('groups'));
  const groupNames = groups.map((g) => g.name);
  const persons = readPersons(rows('staff'), groupNames);
  const people = new PersonDirectory(persons);
  for (const g of groups) {
    if (!tables.has('staff')) continue;
    const r = groupRows.get(g.name)!;
    const found = people.resolve(g.leader);
    if (!found.person) r.error('leader', found.code, found.message);
    else if (found.person.group !== g.name) r.error('leader', 'leader_not_member', `组长「${found.person.name}」在人员表中属于「${found.person.group ?? '（无组）'}」，不是「${g.name}」的人员。`);
    else g.leaderPerson = found.person;
    // Results name the 组长 by 姓名, however 组别 writes him.
    if (found.person) g.leader = found.person.name;
  }
  const villages = readVillages(rows('villages'));
  const rules = readRules(rows('rules'), groupNames);
  const base = { villages, rules, groups };
  const scores = readScores(tables.get('scores'), ctx, base, people);
  return {
    params,
    groups,
    persons,
    people,
    villages,
    rules,
    scores,
    attendance: readAttendance(tables.get('attendance'), ctx, people),
    leaves: readLeaves(rows('leave'), people),
    plans: readPlans(tables.get('plans'), ctx, people),
    hasPlans: tables.has('plans'),
    inspections: readInspections(rows('inspections'), groupNames),
    accountability: readAccountability(rows('accountability'), people, villages, groupNames),
    finance: readFinance(rows('finance'), villages.map((v) => v.name)),
    survey: readSurvey(rows('survey'), villages.map((v) => v.name)),
    appeals: readAppeals(rows('appeals'), villages, scores),
  };
}

