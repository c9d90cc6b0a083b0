/**
 * Seeded, deterministic synthetic workbooks (as the grids the add-in sends) at the sizes the
 * benchmarks measure. Every sheet of the contract is filled the way a town fills it: a title
 * banner above the header, one 对村考核 sheet per group, dates as Excel serials, reasons picked
 * from each item's own phrases, a few cells typed as text (`扣2分`, `2015年3月`). The workbook is
 * valid: compute() answers `ok`, with the warnings real data brings (capped bonuses, duplicate
 * entries, finance violations).
 */
import type { Grid } from '../functions/src/domain/types.js';

export interface TownSize {
  /** Name used on the command line and in the results (`town`, `big-town`, `district-year`). */
  id: string;
  villages: number;
  groups: number;
  staff: number;
  scores: number;
  attendance: number;
  plans: number;
  /** Months with data, January on; the last one is the month assessed. */
  months: number;
}

/**
 * The three sizes of issue #6. Attendance and plans of the town and of the district year, and the
 * months, are not given there: a town's are a third of a month's entries for Jan–Apr like the
 * example; the district year has four checks and two plan items per person and month.
 */
export const SIZES: readonly TownSize[] = [
  { id: 'town', villages: 15, groups: 8, staff: 60, scores: 2_000, attendance: 1_000, plans: 500, months: 4 },
  { id: 'big-town', villages: 40, groups: 12, staff: 150, scores: 20_000, attendance: 10_000, plans: 5_000, months: 12 },
  { id: 'district-year', villages: 300, groups: 60, staff: 1_500, scores: 200_000, attendance: 72_000, plans: 36_000, months: 12 },
];

/** The size with the given id; throws with the known ids otherwise. */
export function sizeById(id: string): TownSize {
  const size = SIZES.find((s) => s.id === id);
  if (!size) throw new Error(`unknown size "${id}"; known: ${SIZES.map((s) => s.id).join(', ')}`);
  return size;
}

/** The 乡镇 of every synthetic workbook (a 秘书 of this town may compute it). */
export const SYNTHETIC_TOWN = '基准镇';
export const SYNTHETIC_YEAR = 2015;

/** mulberry32: a small seeded generator, so every run measures the same workbook. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SURNAMES = [...new Set('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')];
const GIVEN = [...new Set('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红玉兰建国志文斌辉林波宁燕云飞鹏亮春梅')];
const PLACES = ['花桥', '新塘', '石岭', '枫木', '黄泥', '竹山', '长坪', '大塘', '荷叶', '松柏', '桃源', '水口', '白沙', '青龙', '凤凰', '金鸡', '马鞍', '狮子', '梅溪', '杨柳', '清泉', '石门', '东湖', '西岭'];
const PLACE_PARTS = ['', '东', '西', '南', '北', '中', '上', '下', '新', '前', '后', '大', '小', '口', '坪'];
const GROUP_NAMES = ['计生组', '政法组', '城建组', '民政组', '效能建设组', '经济发展组', '农业组', '社会事务组', '林业组', '安监组', '教育组', '财政组'];
const CATEGORIES = ['计划生育', '综治维稳', '城乡建设', '民政', '党建', '环境卫生', '安全生产', '林业', '社会保障', '执行力建设'];
const ITEM_WORDS = ['台账管理', '信息报送', '任务完成', '宣传入户', '隐患排查', '资料归档', '走访服务', '会议落实', '整改销号', '群众满意度'];
const MINUS = ['台账未按月更新', '资料不全，未按期上报', '工作推进缓慢，经督办仍未完成', '检查发现问题未及时整改', '信息报送不及时', '宣传资料未入户发放', '值班记录缺失', '群众反映问题未及时处理'];
const PLUS = ['工作成效突出受到区里表扬', '提前完成年度任务', '经验做法在全镇推广', '迎检资料规范齐全'];
const SPLITS = ['支书30%、主任20%、秘书20%、专干30%', '支书10%、主任10%、秘书30%、专干50%'];
const ROLES = ['支书', '主任', '秘书', '专干'] as const;
const ATTENDANCE = ['在岗', '在岗', '在岗', '在岗', '在岗', '在岗', '缺签', '迟到', '早退', '旷工', '脱岗'];
const METHODS = ['定时查岗', '不定时抽查', '节假日值班'];
const PLAN_STATES = ['已完成', '已完成', '已完成', '延期完成', '未完成', '进行中'];
const TASKS = ['完成辖区走访摸底', '整理上报月度台账', '落实重点项目协调', '开展政策宣传入户', '督办交办事项销号'];
const LEAVE_REASONS = ['事假', '病假', '婚假', '探亲假'];
const ACCOUNTABILITY_KINDS = ['不作为', '乱作为', '慢作为'];
const ACTIONS = ['通报批评', '诫勉谈话'];

/** Distinct names from a fixed list of parts: the i-th combination, so any count up to the product is unique. */
const combine = (a: readonly string[], b: readonly string[], i: number, suffix = ''): string =>
  `${a[i % a.length]!}${b[Math.floor(i / a.length) % b.length]!}${i >= a.length * b.length ? Math.floor(i / (a.length * b.length)) + 1 : ''}${suffix}`;

const JAN_1 = 42005; // Excel serial of 2015-01-01
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const monthText = (m: number): string => `${SYNTHETIC_YEAR}-${String(m).padStart(2, '0')}`;

interface Person {
  name: string;
  group: string;
  id: string;
}

/** A sheet with a title banner, a blank row, then the header and rows, as towns lay their sheets out. */
const sheet = (name: string, title: string, header: string[], rows: unknown[][]): Grid => ({
  name,
  origin: 'A1',
  values: [[title], [], header, ...rows],
});

/** Builds a valid workbook of the given size for 2015, assessed in its last month. */
export function syntheticTown(size: TownSize, seed = 2015, town = SYNTHETIC_TOWN): Grid[] {
  const random = new Random(seed);
  const day = (month: number) => JAN_1 + DAYS_BEFORE[month - 1]! + random.int(DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!);
  const anyMonth = () => 1 + random.int(size.months);

  const groups = Array.from({ length: size.groups }, (_, i) => GROUP_NAMES[i] ?? `片区${i + 1 - GROUP_NAMES.length}组`);
  const staff: Person[] = Array.from({ length: size.staff }, (_, i) => ({
    name: combine(SURNAMES, GIVEN, i),
    group: groups[i % size.groups]!,
    id: `G${String(i + 1).padStart(4, '0')}`,
  }));
  const heads = ['书记', '镇长'].map((position, i) => ({ name: combine(SURNAMES, GIVEN, size.staff + i), position }));
  const leaderOf = (g: number) => staff[g]!;
  const membersOf = groups.map((g) => staff.filter((p) => p.group === g));
  let cadreNo = size.staff + heads.length;
  const villages = Array.from({ length: size.villages }, (_, i) => ({
    name: combine(PLACES, PLACE_PARTS, i, '村'),
    cadres: ROLES.map(() => combine(SURNAMES, GIVEN, cadreNo++)),
    leader: staff[random.int(size.staff)]!.name,
  }));
  const rules = groups.flatMap((group, g) =>
    Array.from({ length: 5 + (g % 4) }, (_, k) => ({
      code: `G${String(g + 1).padStart(2, '0')}-${k + 1}`,
      group,
      category: CATEGORIES[(g + k) % CATEGORIES.length]!,
      item: `${CATEGORIES[(g + k) % CATEGORIES.length]!}${ITEM_WORDS[(g * 3 + k) % ITEM_WORDS.length]!}`,
      bonusCap: k % 3 === 1 ? 4 : null,
      split: k % 4 === 0 ? SPLITS[g % SPLITS.length]! : null,
    })),
  );
  const rulesOf = groups.map((g) => rules.filter((r) => r.group === g));

  const scoreSheets = groups.map((group, g) => {
    const count = Math.floor(size.scores / size.groups) + (g < size.scores % size.groups ? 1 : 0);
    const rows = Array.from({ length: count }, () => {
      const rule = random.pick(rulesOf[g]!);
      const village = random.pick(villages);
      const plus = random.chance(0.25);
      const points = plus ? random.pick([1, 1, 2, 0.5]) : -random.pick([1, 1, 2, 0.5, 3]);
      const reason = `${random.pick(plus ? PLUS : MINUS)}${random.chance(0.3) ? `（${village.name}第${1 + random.int(12)}组）` : ''}`;
      const roleNo = random.int(ROLES.length);
      const responsible = !plus && random.chance(0.1) ? (random.chance(0.5) ? ROLES[roleNo]! : village.cadres[roleNo]!) : '';
      // A few cells typed the way people type them; Excel hands those over as text.
      const shown = random.chance(0.02) ? (points < 0 ? `扣${-points}分` : `加${points}分`) : points;
      return [day(anyMonth()), village.name, rule.code, shown, reason, responsible, random.pick(membersOf[g]!).name];
    });
    return sheet(`对村考核-${group}`, `${town}${SYNTHETIC_YEAR}年对村考核记录（${group}）`, ['日期', '村', '细则编号', '加减分', '原因', '责任人', '录入人'], rows);
  });

  const leaves = Array.from({ length: Math.max(4, Math.floor(size.staff / 3)) }, (_, i) => {
    const person = staff[(i * 7) % size.staff]!;
    const g = groups.indexOf(person.group);
    const leader = leaderOf(g);
    const days = random.chance(0.8) ? 1 + random.int(2) : 3 + random.int(3);
    // Leaves end within the year: a date outside the 年度 is an error.
    const start = Math.min(day(anyMonth()), JAN_1 + 365 - days);
    const own = person === leader;
    return [person.name, start, start + days - 1, days, random.pick(LEAVE_REASONS), own ? person.name : random.chance(0.5) ? leader.name : '同意', days > 2 || own ? heads[i % 2]!.name : ''];
  });

  return [
    sheet('参数', `${town}目标管理考核参数`, ['参数', '值'], [
      ['乡镇', town],
      ['年度', SYNTHETIC_YEAR],
      ['考核月份', monthText(size.months)],
      ['计划完成率权重', 0.2],
      ['财务违规扣分', 0.5],
    ]),
    sheet('组别', `${town}工作组及年度工作经费`, ['组名', '组长', '年度工作经费', '区级考核项目', '上年全区排名', '本年全区排名', '参评单位数', '上年类别', '本年类别'],
      groups.map((g, i) => [g, leaderOf(i).name, 96_000 + i * 1_234.56, `${g.replace('组', '')}工作`, 6 + (i % 9), 1 + ((i * 5) % 12), 12, ['二类', '三类'][i % 2]!, ['一类', '二类', '三类'][i % 3]!]),
    ),
    sheet('人员', `${town}干部职工名册`, ['姓名', '所在组', '职务', '工号'], [
      ...heads.map((h) => [h.name, '', h.position, '']),
      ...staff.map((p, i) => [p.name, p.group, i < size.groups ? '组长' : i < 2 * size.groups ? '副组长' : '组员', p.id]),
    ]),
    sheet('村', `${town}各村（居）委会干部名册`, ['村名', '支书', '主任', '秘书', '专干', '驻村领导'],
      villages.map((v) => [v.name, ...v.cadres, v.leader]),
    ),
    sheet('考核细则', `${SYNTHETIC_YEAR}年对村考核细则`, ['编号', '类别', '项目', '考核组', '分值', '加分上限', '责任分解'],
      rules.map((r) => [r.code, r.category, r.item, r.group, 5, r.bonusCap ?? '', r.split ?? '']),
    ),
    ...scoreSheets,
    sheet('考勤', '效能建设组查岗记录', ['日期', '姓名', '检查方式', '结果', '天数', '检查人'],
      Array.from({ length: size.attendance }, () => {
        const result = random.pick(ATTENDANCE);
        return [day(anyMonth()), random.pick(staff).name, random.pick(METHODS), result, result === '旷工' && random.chance(0.2) ? 2 : '', leaderOf(4 % size.groups).name];
      }),
    ),
    sheet('请假', '请假登记', ['姓名', '开始日期', '结束日期', '天数', '事由', '组长审批', '领导审批'], leaves),
    // Row i plans person i mod staff, so every person has items in every month once plans ≥ staff × months.
    sheet('月度计划', '干部月度工作计划', ['月份', '姓名', '工作事项', '完成时限', '完成情况'],
      Array.from({ length: size.plans }, (_, i) => {
        const m = 1 + (Math.floor(i / size.staff) % size.months);
        return [random.chance(0.05) ? `${SYNTHETIC_YEAR}年${m}月` : monthText(m), staff[i % size.staff]!.name, random.pick(TASKS), `${m}月底`, random.pick(PLAN_STATES)];
      }),
    ),
    sheet('组督查', '效能建设组督查得分', ['月份', '组名', '督查得分', '点评'],
      Array.from({ length: size.months }, (_, m) => groups.map((g) => [monthText(m + 1), g, 80 + random.int(2_000) / 100, random.chance(0.2) ? '工作扎实，台账规范' : ''])).flat(),
    ),
    sheet('问责', '问责记录', ['日期', '姓名', '单位', '情形', '事由', '处理', '扣分'],
      Array.from({ length: Math.max(3, Math.floor(size.villages / 3)) }, () => {
        const v = random.pick(villages);
        return [day(anyMonth()), random.pick(v.cadres), v.name, random.pick(ACCOUNTABILITY_KINDS), random.pick(MINUS), random.pick(ACTIONS), 1 + random.int(3)];
      }),
    ),
    sheet('村级财务', '村账镇代管收支登记', ['日期', '村', '类型', '金额', '上交代管中心', '报账单号', '镇审批'],
      Array.from({ length: size.villages * 12 }, (_, i) => {
        const type = ['收入', '支出', '支出', '资源处置'][i % 4]!;
        const compliant = random.chance(0.95);
        return [day(anyMonth()), villages[i % size.villages]!.name, type, 100 + random.int(500_000) / 100, type === '收入' ? (compliant ? '是' : '否') : '', type === '支出' && compliant ? `BZ${i + 1}` : '', type === '资源处置' ? (compliant ? '√' : '') : ''];
      }),
    ),
    sheet('民调', '民调知晓率、电话准确率', ['村', '调查户数', '知晓户数', '登记电话数', '准确电话数', '月份'],
      Array.from({ length: size.months }, (_, m) => villages.map((v) => {
        const households = 30 + random.int(20);
        const phones = households - random.int(5);
        return [v.name, households, households - (random.chance(0.2) ? 1 : 0), phones, phones - (random.chance(0.2) ? 1 : 0), monthText(m + 1)];
      })).flat(),
    ),
  ];
}
