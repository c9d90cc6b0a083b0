/**
 * Generators of the property tests: valid towns with every table filled at random (kept as a spec so
 * that tests can compute the expected figures on their own), junk cell values and junk grids.
 */
import fc from 'fast-check';
import { isoToSerial } from '../../../functions/src/domain/normalize.js';
import { RESULT_SHEETS, TABLES } from '../../../functions/src/domain/tables.js';
import type { AssessmentResult, Grid } from '../../../functions/src/domain/types.js';
import type { Book, Rows } from '../fixtures.js';
import { headerOf } from '../validation/helpers.js';

export const ROLES = ['支书', '主任', '秘书', '专干'] as const;
export type Role = (typeof ROLES)[number];

const GROUP_NAMES = ['计生组', '政法组', '城建组', '农业组'];
const LEADERS = ['王组长', '赵组长', '孙组长', '周组长'];
const MEMBER_SUFFIXES = ['甲', '乙', '丙'];
const VILLAGE_NAMES = ['花桥街村', '新塘村', '毛家村', '桃园村', '五里牌居委会', '桃花冲村'];
const SURNAMES = ['黄', '曾', '毛', '彭', '欧阳', '罗'];
const HEAD = '刘书记';

export interface RuleSpec {
  code: string;
  group: number;
  capH: number | null;
  /** Shares in hundredths of a percent, in written order. */
  split: { role: Role; share: number }[] | null;
}

export interface EntrySpec {
  month: number;
  day: number;
  village: number;
  rule: number;
  pointsH: number;
  /** How 责任人 is written: a role, that role's cadre by name, or blank. */
  responsible: { role: Role; byName: boolean } | null;
  asText: boolean;
}

export interface AccountabilitySpec {
  month: number;
  day: number;
  village: number;
  /** The village cadre named; null names a 组长 of the town instead. */
  role: Role | null;
  pointsH: number;
}

export interface TownSpec {
  year: number;
  month: number;
  villageBaseH: number;
  groups: { budgetFen: number; members: number; inspectionsH: (number | null)[] }[];
  villages: number;
  rules: RuleSpec[];
  entries: EntrySpec[];
  accountability: AccountabilitySpec[];
  /** Rows of the sheets that do not enter the village and fund figures: [person, month, day, choice, amount]. */
  extras: { sheet: 'plans' | 'attendance' | 'leave' | 'finance' | 'survey'; person: number; month: number; day: number; pick: number; amount: number }[];
}

const groupName = (g: number): string => GROUP_NAMES[g]!;
const villageName = (v: number): string => VILLAGE_NAMES[v]!;
const cadreName = (v: number, role: Role): string => `${SURNAMES[v]}${role}`;
const memberName = (g: number, k: number): string => (k === 0 ? LEADERS[g]! : `${LEADERS[g]![0]}${MEMBER_SUFFIXES[k - 1]}`);
const pct = (share: number): string => `${share / 100}%`;

const shares = (count: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10000];
    return points.slice(1).map((p, i) => p - points[i]!);
  });

const splitArb: fc.Arbitrary<RuleSpec['split']> = fc.option(
  fc.shuffledSubarray([...ROLES], { minLength: 1 }).chain((roles) => shares(roles.length).map((s) => roles.map((role, i) => ({ role, share: s[i]! })))),
  { nil: null },
);

const nonZeroPoints = fc.integer({ min: -2500, max: 2500 }).filter((p) => p !== 0);

/** A valid town: every row passes validation, scores spread over the whole year. */
export const townArb: fc.Arbitrary<TownSpec> = fc
  .record({
    year: fc.integer({ min: 2000, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    groupCount: fc.integer({ min: 1, max: 4 }),
    villages: fc.integer({ min: 1, max: 6 }),
    ruleCount: fc.integer({ min: 1, max: 6 }),
    villageBaseH: fc.oneof(fc.constant(10000), fc.integer({ min: 0, max: 20000 })),
  })
  .chain(({ year, month, groupCount, villages, ruleCount, villageBaseH }) => {
    // Most rows fall in the assessed month or before it, some after it (which must not count).
    const rowMonth = fc.oneof(fc.constant(month), fc.integer({ min: 1, max: month }), fc.integer({ min: 1, max: 12 }));
    return fc.record({
      year: fc.constant(year),
      month: fc.constant(month),
      villageBaseH: fc.constant(villageBaseH),
      villages: fc.constant(villages),
      groups: fc.array(
        fc.record({
          budgetFen: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2_000_000_000 })),
          members: fc.integer({ min: 0, max: 3 }),
          inspectionsH: fc.array(fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null }), { minLength: month, maxLength: month }),
        }),
        { minLength: groupCount, maxLength: groupCount },
      ),
      rules: fc.array(
        fc.record({
          group: fc.integer({ min: 0, max: groupCount - 1 }),
          capH: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
          split: splitArb,
        }),
        { minLength: ruleCount, maxLength: ruleCount },
      ),
      entries: fc.array(
        fc.record({
          month: rowMonth,
          day: fc.integer({ min: 1, max: 28 }),
          village: fc.integer({ min: 0, max: villages - 1 }),
          rule: fc.integer({ min: 0, max: ruleCount - 1 }),
          pointsH: nonZeroPoints,
          responsible: fc.option(fc.record({ role: fc.constantFrom(...ROLES), byName: fc.boolean() }), { nil: null }),
          asText: fc.boolean(),
        }),
        { maxLength: 40 },
      ),
      accountability: fc.array(
        fc.record({
          month: rowMonth,
          day: fc.integer({ min: 1, max: 28 }),
          village: fc.integer({ min: 0, max: villages - 1 }),
          role: fc.option(fc.constantFrom(...ROLES), { nil: null }),
          pointsH: fc.integer({ min: 0, max: 500 }),
        }),
        { maxLength: 4 },
      ),
      extras: fc.array(
        fc.record({
          sheet: fc.constantFrom('plans' as const, 'attendance' as const, 'leave' as const, 'finance' as const, 'survey' as const),
          person: fc.nat(),
          month: rowMonth,
          day: fc.integer({ min: 1, max: 24 }),
          pick: fc.nat(),
          amount: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        { maxLength: 20 },
      ),
    });
  })
  .map((t) => ({
    ...t,
    // The assessed month always has its 组督查 rows.
    groups: t.groups.map((g) => ({ ...g, inspectionsH: g.inspectionsH.map((s, i) => (i === t.month - 1 ? (s ?? 9000) : s)) })),
    rules: t.rules.map((r, i) => ({ ...r, code: `R-${String(i + 1).padStart(2, '0')}` })),
  }));

const monthText = (t: TownSpec, m: number): string => `${t.year}-${String(m).padStart(2, '0')}`;
export const serialOf = (t: TownSpec, m: number, day: number): number => isoToSerial(`${monthText(t, m)}-${String(day).padStart(2, '0')}`);

const pointsText = (h: number): string => (h < 0 ? `扣${-h / 100}分` : `加${h / 100}分`);

/** The workbook of a town spec, with every sheet present. */
export function townBook(t: TownSpec): Book {
  const groups = t.groups.map((g, i) => ({ ...g, name: groupName(i), people: Array.from({ length: g.members + 1 }, (_, k) => memberName(i, k)) }));
  const people = groups.flatMap((g) => g.people.map((name) => ({ name, group: g })));
  const villages = Array.from({ length: t.villages }, (_, v) => v);
  const extras = (sheet: TownSpec['extras'][number]['sheet']) => t.extras.filter((e) => e.sheet === sheet);
  const person = (i: number) => people[i % people.length]!;
  return {
    参数: [
      ['参数', '值'],
      ['乡镇', '花桥街镇'],
      ['年度', t.year],
      ['考核月份', monthText(t, t.month)],
      ['村基础分', t.villageBaseH / 100],
    ],
    组别: [['组名', '组长', '年度工作经费'], ...groups.map((g) => [g.name, g.people[0]!, g.budgetFen / 100])],
    人员: [
      ['姓名', '所在组', '职务', '工号'],
      [HEAD, '', '书记', 'G0'],
      ...people.map((p, i) => [p.name, p.group.name, p.name === p.group.people[0] ? '组长' : '组员', `G${i + 1}`]),
    ],
    村: [['村名', '支书', '主任', '秘书', '专干'], ...villages.map((v) => [villageName(v), ...ROLES.map((r) => cadreName(v, r))])],
    考核细则: [
      ['编号', '类别', '项目', '考核组', '分值', '加分上限', '责任分解'],
      ...t.rules.map((r) => [r.code, '综合', `项目${r.code}`, groupName(r.group), 5, r.capH === null ? '' : r.capH / 100, r.split?.map((s) => `${s.role}${pct(s.share)}`).join('、') ?? '']),
    ],
    组督查: [
      ['月份', '组名', '督查得分', '点评'],
      ...groups.flatMap((g) => g.inspectionsH.flatMap((s, i) => (s === null ? [] : [[monthText(t, i + 1), g.name, s / 100, '']]))),
    ],
    对村考核: [
      headerOf('对村考核'),
      ...t.entries.map((e, i) => {
        const rule = t.rules[e.rule]!;
        const responsible = e.responsible === null ? '' : e.responsible.byName ? cadreName(e.village, e.responsible.role) : e.responsible.role;
        return [serialOf(t, e.month, e.day), villageName(e.village), rule.code, e.asText ? pointsText(e.pointsH) : e.pointsH / 100, `原因${i + 1}`, groupName(rule.group), responsible, ''];
      }),
    ],
    问责: [
      ['日期', '姓名', '单位', '情形', '事由', '处理', '扣分'],
      ...t.accountability.map((a, i) => [
        serialOf(t, a.month, a.day),
        a.role === null ? LEADERS[0]! : cadreName(a.village, a.role),
        villageName(a.village),
        '慢作为',
        `事由${i + 1}`,
        '通报批评',
        a.pointsH / 100,
      ]),
    ],
    月度计划: [headerOf('月度计划'), ...extras('plans').map((e) => [monthText(t, e.month), person(e.person).name, '工作', '', ['已完成', '延期完成', '未完成', '进行中'][e.pick % 4]!])],
    考勤: [
      headerOf('考勤'),
      ...extras('attendance').map((e) => {
        const result = ['在岗', '缺签', '迟到', '早退', '旷工', '请假', '脱岗'][e.pick % 7]!;
        return [serialOf(t, e.month, e.day), person(e.person).name, '定时查岗', result, result === '旷工' ? 1 + (e.amount % 3) : '', '效能办'];
      }),
    ],
    请假: [
      headerOf('请假'),
      ...extras('leave').map((e) => {
        const p = person(e.person);
        const span = 1 + (e.amount % 4);
        const approval = [p.group.people[0]!, '同意', '', HEAD][e.pick % 4]!;
        return [p.name, serialOf(t, e.month, e.day), serialOf(t, e.month, e.day + span - 1), 1 + (e.pick % span), '事假', approval, e.pick % 3 === 0 ? HEAD : ''];
      }),
    ],
    村级财务: [
      headerOf('村级财务'),
      ...extras('finance').map((e) => [serialOf(t, e.month, e.day), villageName(e.person % t.villages), ['收入', '支出', '资源处置'][e.pick % 3]!, e.amount / 100, e.pick % 2 ? '√' : '×', e.pick % 5 ? 'BZ-1' : '', e.pick % 7 ? '是' : ''])],
    民调: [headerOf('民调'), ...extras('survey').map((e) => [villageName(e.person % t.villages), 100 + e.pick % 50, 100, 40 + (e.amount % 10), 40, e.pick % 2 ? monthText(t, e.month) : ''])],
  };
}

/** The book's sheets as grids from A1. */
export const bookGrids = (book: Book): Grid[] => Object.entries(book).map(([name, values]) => ({ name, origin: 'A1', values }));

/** Integer hundredths (or fen) of a 2-decimal JSON number. */
export const h = (x: number): number => Math.round(x * 100);

/** Junk of the kinds a shell can really send: JSON values, the non-finite numbers, dates, huge and tricky strings. */
export const plainJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.date({ noInvalidDate: false }),
  { weight: 3, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2958466, 0.5, -1, undefined, null, true) },
  { weight: 2, arbitrary: fc.constantFrom('#REF!', '#N/A', '合计', '扣2分', '1万元', '4月2日', '2015-13-45', '√', '\u3000', '同意', '花桥村', 'Z-99', '很好', '（）', '%', '1e5') },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 3000 }),
  fc.integer().map((n) => String(n)),
  fc.double(),
);

/** Numbers at the edges of what a cell can hold, as numbers or as typed text. */
export const extremeNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 1e300, -1e300, 1e20, 5e-324, -5e-324, 2 ** 53 + 2, 1e15 + 0.3, -0),
  fc.constantFrom('1e308', '9'.repeat(400), `${'9'.repeat(300)}万`, '-' + '9'.repeat(308), '0.' + '0'.repeat(400) + '1'),
  fc.double({ noNaN: true }),
);

/** Any JS value at all, including those no JSON body can carry (BigInt, Map, null-prototype objects). */
export const anyJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
);

const HEADERS = [...new Set(TABLES.flatMap((t) => t.columns.flatMap((c) => [c.header, ...(c.synonyms ?? [])])))];
const SHEET_NAMES = [...TABLES.map((t) => t.sheet), '对村考核-计生组', '对村考核-不存在组', ...RESULT_SHEETS, '说明', 'Sheet1'];

/** A grid of junk, often under a real sheet name and with a real header row. */
export const junkGrid = (junkValue: fc.Arbitrary<unknown>): fc.Arbitrary<Grid> => fc.record({
  name: fc.oneof(fc.constantFrom(...SHEET_NAMES), fc.string()),
  origin: fc.oneof(fc.constantFrom('A1', 'A2', 'B3', '$C$7', 'XFD1048576', 'ZZZ9999999', 'A0', '', '1A', 'a1'), fc.string()),
  values: fc.array(
    fc.oneof(
      fc.array(fc.oneof(junkValue, fc.constantFrom(...HEADERS)), { maxLength: 9 }),
      fc.shuffledSubarray(HEADERS, { minLength: 1, maxLength: 9 }),
    ),
    { maxLength: 12 },
  ),
}) as fc.Arbitrary<Grid>;

/** Every number in a value, at any depth. */
export function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/** Asserts the shape SPEC §3/§5 promise for any input; returns the failure text or null. */
export function shapeProblem(result: AssessmentResult): string | null {
  if (result.status !== 'ok' && result.status !== 'invalid') return `status ${String(result.status)}`;
  for (const i of result.issues) {
    if (typeof i.sheet !== 'string' || !/^[A-Z]{1,3}[1-9]\d*$/.test(i.cell)) return `issue cell ${JSON.stringify(i)}`;
    if (i.severity !== 'error' && i.severity !== 'warning') return `severity ${JSON.stringify(i)}`;
    if (!/^[a-z]+(_[a-z0-9]+)*$/.test(i.code)) return `code ${JSON.stringify(i)}`;
    if (!/\p{Script=Han}/u.test(i.message)) return `message ${JSON.stringify(i)}`;
  }
  const hasError = result.issues.some((i) => i.severity === 'error');
  if (hasError !== (result.status === 'invalid')) return `status ${result.status} with errors=${hasError}`;
  if (result.status === 'invalid') {
    const lists = [result.villages, result.groups, result.staff, result.leaves, result.finance, result.survey, result.accountability, result.bulletin];
    if (lists.some((l) => l.length > 0)) return 'invalid result with filled lists';
  }
  return null;
}

/** Rows with a banner on top. */
export const bannerArb: fc.Arbitrary<Rows> = fc.array(
  fc.constantFrom<Rows[number]>(['花桥街镇目标管理考核'], ['制表：党政办', '', '2015年4月'], [], ['', '', ''], ['说明：本表由各组组长填写，每月5日前报党政办。']),
  { maxLength: 5 },
);
