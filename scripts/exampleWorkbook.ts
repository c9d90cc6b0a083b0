/**
 * The example workbook 花桥街镇-2015.xlsx: 花桥街镇's target-management data from January to
 * April 2015, assessed for April. It is valid per SPEC §3 (warnings only) and tells the seed's
 * stories: 计生组's rank advance, the 4月2日 forest fire, the April 民调 campaign, 村账镇代管.
 * Everything is generated from fixed seeds, so every build gives the same sheets.
 */
import ExcelJS from 'exceljs';
import { PARAM_DEFAULTS, VILLAGE_ROLES } from '../functions/src/domain/tables.js';
import { PARAM_NOTES, addTableSheet, sheetColumns, type SheetColumn } from './templateWorkbook.js';

export const TOWN = '花桥街镇';
export const YEAR = 2015;
export const ASSESSED_MONTH = '2015-04';
const MONTHS = [1, 2, 3, 4] as const;

/** Issue codes the engine reports for the planted mistakes. */
export const MISTAKE_CODES = {
  emptyReason: 'missing_value',
  unknownVillage: 'unknown_village',
  notANumber: 'not_a_number',
  unknownRule: 'unknown_rule',
  outOfRange: 'out_of_range',
} as const;

export type MistakeCode = (typeof MISTAKE_CODES)[keyof typeof MISTAKE_CODES];

/** Where `plantMistakes` put one mistake. */
export interface PlantedMistake {
  sheet: string;
  /** A1 address. */
  cell: string;
  code: MistakeCode;
}

type Role = (typeof VILLAGE_ROLES)[number];
type Row = Record<string, ExcelJS.CellValue>;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** An amount of yuan with fen, built from integer fen. */
  yuan(min: number, max: number): number {
    return this.int(min * 100, max * 100) / 100;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar of 2015

const day = (month: number, dayOfMonth: number): Date => new Date(Date.UTC(YEAR, month - 1, dayOfMonth));
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const HOLIDAYS = new Set(['2015-01-01', '2015-01-02', '2015-02-18', '2015-02-19', '2015-02-20', '2015-02-23', '2015-02-24', '2015-04-06']);
const MAKEUP_WORKDAYS = new Set(['2015-01-04', '2015-02-15', '2015-02-28']);

function isWorkday(date: Date): boolean {
  const iso = isoDay(date);
  if (MAKEUP_WORKDAYS.has(iso)) return true;
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(iso);
}

/** The workdays of a month up to the 28th. */
const workdays = (month: number): Date[] =>
  Array.from({ length: 28 }, (_, i) => day(month, i + 1)).filter(isWorkday);

// ---------------------------------------------------------------------------------------------
// The town: groups, staff, villages

interface GroupSpec {
  name: string;
  leader: string;
  /** Yuan. */
  budget: number;
  districtItem?: string;
  lastRank?: number;
  rank?: number;
  units?: number;
  lastClass?: string;
  klass?: string;
  /** [name, 职务]; the 组长 comes first. */
  members: readonly (readonly [string, string])[];
}

const SECRETARY = '陈卫东';
const MAYOR = '刘志明';

const GROUPS: readonly GroupSpec[] = [
  {
    name: '计生组',
    leader: '李建军',
    budget: 120000,
    districtItem: '计划生育',
    lastRank: 15,
    rank: 9,
    units: 20,
    lastClass: '三类',
    klass: '二类',
    members: [
      ['李建军', '组长'],
      ['蒋丽华', '副组长'],
      ['何志勇', '副镇长'],
      ['王芳', '组员'],
      ['邓小梅', '组员'],
      ['胡春燕', '组员'],
      ['唐美玲', '组员'],
      ['蒋红英', '组员'],
      ['杨雪琴', '组员'],
    ],
  },
  {
    name: '政法组',
    leader: '周国华',
    budget: 100000.1,
    districtItem: '综治维稳',
    lastRank: 8,
    rank: 10,
    units: 20,
    lastClass: '二类',
    klass: '二类',
    members: [
      ['周国华', '组长'],
      ['黄勇', '副组长'],
      ['毛新民', '副书记'],
      ['邓建平', '组员'],
      ['谢文斌', '组员'],
      ['李志强', '组员'],
      ['刘海波', '组员'],
      ['陈小龙', '组员'],
      ['郑伟', '组员'],
    ],
  },
  {
    name: '城建组',
    leader: '唐志刚',
    budget: 150000,
    districtItem: '城乡环境整治',
    lastRank: 11,
    rank: 4,
    units: 20,
    lastClass: '二类',
    klass: '一类',
    members: [
      ['唐志刚', '组长'],
      ['何光明', '副组长'],
      ['蒋振华', '副镇长'],
      ['曾庆林', '组员'],
      ['王永红', '组员'],
      ['刘军', '组员'],
      ['胡建国', '组员'],
      ['欧阳明', '组员'],
      ['陈立新', '组员'],
    ],
  },
  {
    name: '民政组',
    leader: '邓秀英',
    budget: 66666.66,
    districtItem: '社会救助',
    lastRank: 18,
    rank: 20,
    units: 20,
    lastClass: '四类',
    klass: '四类',
    members: [
      ['邓秀英', '组长'],
      ['杨光辉', '副镇长'],
      ['王芳', '组员'],
      ['黄桂兰', '组员'],
      ['李红梅', '组员'],
      ['唐伟', '组员'],
      ['蒋海燕', '组员'],
    ],
  },
  {
    name: '效能建设组',
    leader: '吕国庆',
    budget: 80000,
    members: [
      ['吕国庆', '组长'],
      ['彭丽', '副组长'],
      ['唐建华', '副书记'],
      ['周小平', '组员'],
      ['谭敏', '组员'],
      ['胡玉兰', '组员'],
      ['邓晓东', '组员'],
      ['刘佳', '组员'],
    ],
  },
];

interface Person {
  name: string;
  group: string | null;
  position: string;
  id: string;
  /** How other sheets write the person: 姓名, or 姓名（工号） for a name two people share. */
  ref: string;
}

const STAFF: readonly Person[] = (() => {
  const rows: [string, string | null, string][] = [
    [SECRETARY, null, '书记'],
    [MAYOR, null, '镇长'],
    ...GROUPS.flatMap((g) => g.members.map(([name, position]): [string, string, string] => [name, g.name, position])),
  ];
  const count = (name: string) => rows.filter(([n]) => n === name).length;
  return rows.map(([name, group, position], i) => {
    const id = `HQ${String(i + 1).padStart(3, '0')}`;
    return { name, group, position, id, ref: count(name) > 1 ? `${name}（${id}）` : name };
  });
})();

const MEMBERS = STAFF.filter((p) => p.group !== null);
const membersOf = (group: string): Person[] => MEMBERS.filter((p) => p.group === group);
const isLeader = (p: Person): boolean => GROUPS.some((g) => g.leader === p.name && g.name === p.group);
const person = (name: string): Person => {
  const found = STAFF.find((p) => p.name === name);
  if (!found) throw new Error(`no staff member ${name}`);
  return found;
};

interface VillageSpec {
  name: string;
  cadres: Record<Role, string>;
  resident: string;
}

const VILLAGE_NAMES = ['花桥街村', '花桥居委会', '新塘村', '杨家村', '石山脚村', '塘头村', '大坪村', '黄家村', '桐子坳村', '岭口村', '长塘村', '毛家村', '蔡家村', '唐家村'];
const RESIDENT_LEADERS = ['毛新民', '唐建华', '何志勇', '蒋振华', '杨光辉'];

const VILLAGES: readonly VillageSpec[] = (() => {
  const random = new Random(2015_0101);
  const surnames = ['唐', '蒋', '李', '杨', '邓', '何', '周', '刘', '黄', '胡', '陈', '王', '彭', '谭', '曾', '欧', '伍', '龙', '罗', '文'];
  const given = ['德明', '建新', '永福', '桂花', '秋菊', '国强', '红军', '玉梅', '新华', '长生', '满秀', '东生', '运华', '冬梅', '春生', '海林', '秀兰', '志华', '木生', '小英', '金龙', '贵生', '雪梅', '有才', '爱民', '育红', '丽娟', '家富', '云峰', '建英'];
  const used = new Set(STAFF.map((p) => p.name));
  const cadre = (): string => {
    for (;;) {
      const name = random.pick(surnames) + random.pick(given);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  return VILLAGE_NAMES.map((name, i) => ({
    name,
    cadres: { 支书: cadre(), 主任: cadre(), 秘书: cadre(), 专干: cadre() },
    resident: RESIDENT_LEADERS[i % RESIDENT_LEADERS.length]!,
  }));
})();

const village = (name: string): VillageSpec => {
  const found = VILLAGES.find((v) => v.name === name);
  if (!found) throw new Error(`no village ${name}`);
  return found;
};

// ---------------------------------------------------------------------------------------------
// 考核细则 with the reasons groups write

interface RuleSpec {
  code: string;
  category: string;
  item: string;
  group: string;
  points: number;
  bonusCap?: number;
  split?: string;
  minus: readonly string[];
  plus: readonly string[];
}

const SPLIT = '支书30%、主任20%、秘书20%、专干30%';

const RULES: readonly RuleSpec[] = [
  { code: 'JS-01', category: '计划生育', item: '出生人口政策符合率', group: '计生组', points: 10, split: SPLIT, minus: ['政策外生育1例，未及时落实补救措施', '出生人口信息漏报1例', '二孩生育证办理资料不全'], plus: [] },
  { code: 'JS-02', category: '计划生育', item: '流动人口计划生育服务管理', group: '计生组', points: 8, split: SPLIT, minus: ['流出育龄妇女信息未及时核实', '流动人口婚育证明查验台账缺失'], plus: ['流动人口协查信息反馈及时准确'] },
  { code: 'JS-03', category: '计划生育', item: '孕情跟踪与避孕节育随访', group: '计生组', points: 6, split: SPLIT, minus: ['孕情随访记录未按月更新', '术后随访服务不到位'], plus: [] },
  { code: 'JS-04', category: '计划生育', item: '社会抚养费征收', group: '计生组', points: 6, split: SPLIT, minus: ['社会抚养费征收未达进度要求'], plus: ['超额完成社会抚养费征收任务'] },
  { code: 'JS-05', category: '计划生育', item: '计生信息系统录入', group: '计生组', points: 5, split: '支书10%、主任10%、秘书30%、专干50%', minus: ['WIS系统信息录入不及时', '月报数据与台账不符'], plus: [] },
  { code: 'JS-06', category: '计划生育', item: '迎接市区计生检查', group: '计生组', points: 4, bonusCap: 3, split: SPLIT, minus: ['迎检资料准备不充分'], plus: ['迎市区计生检查资料规范受到表扬', '计生示范户创建工作突出'] },
  { code: 'JS-07', category: '计划生育', item: '计生奖励扶助政策落实', group: '计生组', points: 5, split: SPLIT, minus: ['奖励扶助对象资格确认不及时'], plus: ['奖励扶助资金发放公示规范'] },
  { code: 'ZF-01', category: '综治维稳', item: '信访稳控', group: '政法组', points: 10, minus: ['发生越级上访1批次', '重点稳控对象失控1人次', '信访件未按期办结回复'], plus: ['化解信访积案1件'] },
  { code: 'ZF-02', category: '综治维稳', item: '矛盾纠纷排查调处', group: '政法组', points: 6, minus: ['矛盾纠纷排查台账未按月更新', '土地纠纷调处不及时引发群众聚集'], plus: ['成功调处山林权属纠纷1起'] },
  { code: 'ZF-03', category: '综治维稳', item: '民调宣传及电话核对', group: '政法组', points: 8, bonusCap: 4, minus: ['民调宣传资料未入户发放', '登记电话号码不准确'], plus: ['民调知晓率、电话准确率均达100%', '民调宣传入户全覆盖'] },
  { code: 'ZF-04', category: '综治维稳', item: '禁毒与社区戒毒', group: '政法组', points: 4, minus: ['社区戒毒人员帮教记录缺失'], plus: [] },
  { code: 'ZF-05', category: '综治维稳', item: '平安创建与治安防控', group: '政法组', points: 5, minus: ['义务巡逻队未按要求开展巡逻'], plus: ['协助派出所破获盗窃案件1起'] },
  { code: 'ZF-06', category: '安全生产', item: '安全生产隐患排查', group: '政法组', points: 5, minus: ['安全隐患排查台账不全', '烟花爆竹经营点检查未落实'], plus: [] },
  { code: 'CJ-01', category: '城乡建设', item: '小城镇建设与征地拆迁', group: '城建组', points: 6, minus: ['征地拆迁协调工作推进缓慢', '违章建房未及时制止上报'], plus: ['按期完成征地拆迁协调任务'] },
  { code: 'CJ-02', category: '城乡建设', item: '保障性安居工程', group: '城建组', points: 5, minus: ['危房改造资料审核不到位'], plus: ['危房改造户按期入住'] },
  { code: 'CJ-03', category: '林业', item: '植树造林与创森', group: '城建组', points: 8, bonusCap: 5, minus: ['造林地块整地质量不达标', '苗木补植不及时'], plus: ['超额完成植树造林任务', '创森通道绿化质量高'] },
  { code: 'CJ-04', category: '林业', item: '森林防火值班巡山', group: '城建组', points: 10, minus: ['森林防火期值班记录缺失', '巡山护林员未按要求上岗', '野外违规用火未及时制止'], plus: [] },
  { code: 'CJ-05', category: '环境卫生', item: '城乡环境卫生整治', group: '城建组', points: 8, minus: ['垃圾清运不及时，集中点堆积', '村道两侧乱堆乱放未清理', '河道漂浮物未及时打捞'], plus: ['环境卫生整治评比第一名'] },
  { code: 'CJ-06', category: '环境卫生', item: '花溪江污染治理', group: '城建组', points: 6, minus: ['养殖污水直排花溪江', '沿江垃圾未清理'], plus: ['养殖户污水治理设施按期建成'] },
  { code: 'CJ-07', category: '城乡建设', item: '农村饮水安全', group: '城建组', points: 4, minus: ['饮水工程管护不到位'], plus: [] },
  { code: 'MZ-01', category: '民政', item: '低保动态管理', group: '民政组', points: 6, minus: ['低保对象公示不规范', '低保档案资料不全', '低保对象家庭情况未按季度复核'], plus: [] },
  { code: 'MZ-02', category: '民政', item: '五保供养', group: '民政组', points: 4, minus: ['五保对象走访记录缺失'], plus: ['五保对象集中供养工作到位'] },
  { code: 'MZ-03', category: '民政', item: '优抚安置', group: '民政组', points: 4, minus: ['优抚对象信息变更未及时上报'], plus: [] },
  { code: 'MZ-04', category: '民政', item: '救灾救济', group: '民政组', points: 4, minus: ['灾情报送不及时'], plus: ['救灾物资发放登记规范'] },
  { code: 'MZ-05', category: '社会保障', item: '城乡居民养老保险征缴', group: '民政组', points: 8, bonusCap: 3, minus: ['养老保险征缴进度滞后', '参保信息录入错误'], plus: ['提前完成养老保险征缴任务'] },
  { code: 'XN-01', category: '党建', item: '基层党建与党员组长管理', group: '效能建设组', points: 8, bonusCap: 4, minus: ['党员组长考核方案未制定', '三会一课记录不全'], plus: ['党员组长差别化管理经验在全镇推广'] },
  { code: 'XN-02', category: '党建', item: '农村网格化管理', group: '效能建设组', points: 6, minus: ['网格员信息未上墙公示', '网格化管理台账未建立'], plus: ['网格化管理制度完善，群众办事便捷'] },
  { code: 'XN-03', category: '执行力建设', item: '会议精神贯彻落实', group: '效能建设组', points: 10, minus: ['未按时参加全镇工作会议', '会议精神未传达到村民小组', '交办事项逾期未办结'], plus: [] },
  { code: 'XN-04', category: '村级财务', item: '村账镇代管', group: '效能建设组', points: 8, minus: ['村级收入未及时上交代管中心', '报账资料不全，票据不规范'], plus: [] },
  { code: 'XN-05', category: '执行力建设', item: '值班与信息报送', group: '效能建设组', points: 5, bonusCap: 2, minus: ['值班电话无人接听', '信息报送不及时'], plus: ['信息被区级采用'] },
  { code: 'XN-06', category: '执行力建设', item: '村务公开', group: '效能建设组', points: 4, minus: ['村务公开栏未按季度更新'], plus: [] },
];

// ---------------------------------------------------------------------------------------------
// 对村考核

interface ScoreEntry {
  date: Date;
  village: string;
  code: string;
  points: number;
  reason: string;
  responsible?: string;
  enteredBy: string;
  /** Written as the seed's stories need it; kept out of the text-cell variations. */
  fixed?: boolean;
}

/** Entries written on purpose: the fire, a capped bonus, a role named as 责任人, entries appealed in 申诉. */
function storyEntries(): Record<string, ScoreEntry[]> {
  const fire = village('岭口村');
  return {
    计生组: [
      { date: day(3, 18), village: '新塘村', code: 'JS-03', points: -1, reason: '孕情随访记录未按月更新，专干未按时入户', responsible: '专干', enteredBy: '蒋丽华', fixed: true },
    ],
    政法组: [
      { date: day(2, 10), village: '花桥街村', code: 'ZF-02', points: -1, reason: '矛盾纠纷排查台账未按月更新', enteredBy: '黄勇', fixed: true },
      { date: day(4, 24), village: '花桥街村', code: 'ZF-03', points: 2, reason: '民调宣传入户全覆盖，电话号码逐户核对', enteredBy: '周国华', fixed: true },
    ],
    城建组: [
      { date: day(3, 12), village: '花桥街村', code: 'CJ-03', points: 2, reason: '完成植树造林任务，苗木成活率高', enteredBy: '何光明', fixed: true },
      { date: day(4, 3), village: '花桥街村', code: 'CJ-03', points: 2, reason: '超额完成植树造林任务', enteredBy: '何光明', fixed: true },
      { date: day(4, 21), village: '花桥街村', code: 'CJ-03', points: 2, reason: '创森通道绿化质量高，迎区检查获好评', enteredBy: '唐志刚', fixed: true },
      { date: day(4, 2), village: fire.name, code: 'CJ-04', points: -3, reason: '森林防火特别防护期未落实值班巡山，4月2日下午发生森林火灾', responsible: fire.cadres.主任, enteredBy: '唐志刚', fixed: true },
    ],
    民政组: [{ date: day(4, 16), village: '大坪村', code: 'MZ-02', points: -2, reason: '五保对象走访记录缺失', enteredBy: '邓秀英', fixed: true }],
    效能建设组: [{ date: day(4, 9), village: '桐子坳村', code: 'XN-06', points: -1, reason: '村务公开栏未按季度更新', enteredBy: '吕国庆', fixed: true }],
  };
}

/** A group's entries, January to April: each month most villages get one or two, some none, a few three. */
function scoreEntries(group: GroupSpec, random: Random): ScoreEntry[] {
  const rules = RULES.filter((r) => r.group === group.name);
  const clerks = membersOf(group.name).slice(0, 2).map((p) => p.name);
  const entries = [...(storyEntries()[group.name] ?? [])];
  const seen = new Set(entries.map((e) => `${isoDay(e.date)}|${e.village}|${e.code}|${e.points}|${e.reason}`));
  for (const month of MONTHS) {
    const days = workdays(month);
    for (const v of VILLAGES) {
      const roll = random.int(0, 19);
      const count = roll < 3 ? 0 : roll < 12 ? 1 : roll < 18 ? 2 : 3;
      for (let i = 0; i < count; i++) {
        const rule = random.pick(rules);
        const bonus = rule.plus.length > 0 && random.chance(0.3);
        const points = bonus ? random.pick([0.5, 1, 1, 2]) : -random.pick([0.5, 1, 1, 1, 2, 3]);
        const reason = random.pick(bonus ? rule.plus : rule.minus);
        const date = random.pick(days);
        const role = random.pick(VILLAGE_ROLES);
        const responsible = !bonus && rule.split && random.chance(0.25) ? v.cadres[role] : undefined;
        const key = `${isoDay(date)}|${v.name}|${rule.code}|${points}|${reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({ date, village: v.name, code: rule.code, points, reason, responsible, enteredBy: random.pick(clerks) });
      }
    }
  }
  // Stable sort: entries of a day keep their generation order.
  return entries.sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** How a clerk types the points of an entry: mostly numbers, on some sheets a few `扣2分`. */
function scoreRows(group: GroupSpec, entries: readonly ScoreEntry[]): Row[] {
  let textPoints = ['计生组', '民政组'].includes(group.name) ? 3 : 0;
  let textDates = ['政法组', '城建组'].includes(group.name) ? 2 : 0;
  return entries.map((e) => {
    let date: ExcelJS.CellValue = e.date;
    let points: ExcelJS.CellValue = e.points;
    if (!e.fixed && textPoints > 0 && e.date.getUTCMonth() === 1 && Number.isInteger(e.points)) {
      points = e.points < 0 ? `扣${-e.points}分` : `加${e.points}分`;
      textPoints--;
    } else if (!e.fixed && textDates > 0 && e.date.getUTCMonth() === 3 && !e.responsible) {
      date = `${YEAR}年${e.date.getUTCMonth() + 1}月${e.date.getUTCDate()}日`;
      textDates--;
    }
    return { date, village: e.village, code: e.code, points, reason: e.reason, responsible: e.responsible ?? null, enteredBy: e.enteredBy };
  });
}

// ---------------------------------------------------------------------------------------------
// 请假 and 考勤

interface LeaveSpec {
  name: string;
  start: Date;
  end: Date;
  days: number;
  reason: string;
  leaderApproval: string;
  headApproval?: string;
}

const LEAVES: readonly LeaveSpec[] = [
  { name: '邓小梅', start: day(1, 8), end: day(1, 9), days: 2, reason: '病假', leaderApproval: '李建军' },
  { name: '谢文斌', start: day(1, 15), end: day(1, 15), days: 1, reason: '事假', leaderApproval: '同意' },
  { name: '王永红', start: day(1, 19), end: day(1, 23), days: 5, reason: '婚假', leaderApproval: '唐志刚', headApproval: SECRETARY },
  { name: '周小平', start: day(1, 27), end: day(1, 27), days: 1, reason: '事假', leaderApproval: '吕国庆' },
  { name: '黄桂兰', start: day(2, 2), end: day(2, 3), days: 2, reason: '病假', leaderApproval: '邓秀英' },
  { name: '郑伟', start: day(2, 10), end: day(2, 13), days: 4, reason: '探亲假', leaderApproval: '周国华', headApproval: MAYOR },
  { name: '唐伟', start: day(2, 26), end: day(2, 26), days: 1, reason: '事假', leaderApproval: '同意' },
  { name: '谭敏', start: day(3, 5), end: day(3, 6), days: 2, reason: '病假', leaderApproval: '吕国庆' },
  { name: '蒋丽华', start: day(3, 16), end: day(3, 20), days: 5, reason: '陪护住院家属', leaderApproval: '李建军', headApproval: SECRETARY },
  { name: '胡建国', start: day(3, 24), end: day(3, 24), days: 1, reason: '事假', leaderApproval: '唐志刚' },
  // A 组长's own leave needs the 书记 or 镇长 as well.
  { name: '周国华', start: day(3, 26), end: day(3, 27), days: 2, reason: '事假', leaderApproval: '周国华', headApproval: MAYOR },
  { name: '李建军', start: day(4, 9), end: day(4, 10), days: 2, reason: '事假', leaderApproval: '李建军', headApproval: MAYOR },
  { name: '曾庆林', start: day(4, 13), end: day(4, 15), days: 3, reason: '病假', leaderApproval: '唐志刚', headApproval: SECRETARY },
  { name: '邓晓东', start: day(4, 16), end: day(4, 17), days: 2, reason: '事假', leaderApproval: '同意' },
  { name: '蒋红英', start: day(4, 20), end: day(4, 20), days: 1, reason: '事假', leaderApproval: '李建军' },
  // Approved by another group's 组长: not an approval (R1), so both days count as 旷工.
  { name: '胡春燕', start: day(4, 22), end: day(4, 23), days: 2, reason: '病假', leaderApproval: '周国华' },
  { name: '黄勇', start: day(4, 27), end: day(4, 29), days: 3, reason: '探亲假', leaderApproval: '周国华', headApproval: MAYOR },
];

const onLeave = (name: string, date: Date): boolean =>
  LEAVES.some((l) => l.name === name && l.start <= date && date <= l.end);

const ROLL_CALLS = [day(1, 5), day(1, 19), day(2, 2), day(2, 16), day(3, 2), day(3, 16), day(4, 7), day(4, 20)];
const SPOT_CHECKS = [day(1, 13), day(1, 27), day(2, 10), day(2, 26), day(3, 11), day(3, 25), day(4, 14), day(4, 23)];
const HOLIDAY_DUTY = [day(1, 1), day(2, 19), day(2, 20), day(4, 5)];
const INSPECTORS = ['吕国庆', '彭丽', '周小平', '谭敏'];

interface Lapse {
  date: Date;
  name: string;
  result: string;
  days?: number;
}

/** April's lapses, chosen so that every R2 rule shows in the assessed month. */
const APRIL_LAPSES: readonly Lapse[] = [
  { date: day(4, 7), name: '唐美玲', result: '缺签' },
  { date: day(4, 20), name: '唐美玲', result: '缺签' },
  { date: day(4, 7), name: '杨雪琴', result: '迟到' },
  { date: day(4, 14), name: '杨雪琴', result: '迟到' },
  { date: day(4, 20), name: '杨雪琴', result: '早退' },
  { date: day(4, 20), name: '刘海波', result: '旷工', days: 1 },
  { date: day(4, 14), name: '陈小龙', result: '脱岗' },
  { date: day(4, 7), name: '欧阳明', result: '旷工', days: 2 },
  // The 组长's own lapse shows on his row only.
  { date: day(4, 20), name: '唐志刚', result: '缺签' },
  // Said to be on leave, but no 请假 record: a warning.
  { date: day(4, 20), name: '李红梅', result: '请假' },
];

function attendanceRows(random: Random): Row[] {
  const rows: Row[] = [];
  const randomLapse = (p: Person, date: Date): Lapse | null => {
    if (date.getUTCMonth() + 1 === 4 || isLeader(p) || !random.chance(0.025)) return null;
    const result = random.pick(['缺签', '缺签', '缺签', '迟到', '迟到', '早退', '旷工', '脱岗']);
    return { date, name: p.name, result, ...(result === '旷工' ? { days: 1 } : {}) };
  };
  const check = (date: Date, p: Person, method: string) => {
    const lapse = APRIL_LAPSES.find((l) => l.name === p.name && l.date.getTime() === date.getTime()) ?? randomLapse(p, date);
    const result = onLeave(p.name, date) ? '请假' : (lapse?.result ?? '在岗');
    rows.push({ date, name: p.ref, method, result, days: result === '旷工' ? (lapse?.days ?? 1) : null, inspector: random.pick(INSPECTORS) });
  };
  const checked = [...SPOT_CHECKS, ...ROLL_CALLS, ...HOLIDAY_DUTY].sort((a, b) => a.getTime() - b.getTime());
  for (const date of checked) {
    const iso = isoDay(date);
    if (ROLL_CALLS.some((d) => isoDay(d) === iso)) {
      for (const p of MEMBERS) check(date, p, '定时查岗');
    } else if (SPOT_CHECKS.some((d) => isoDay(d) === iso)) {
      const chosen = new Set(random.sample(MEMBERS, 12));
      for (const p of MEMBERS) {
        const designed = APRIL_LAPSES.some((l) => l.name === p.name && isoDay(l.date) === iso) || onLeave(p.name, date);
        if (chosen.has(p) || designed) check(date, p, '不定时抽查');
      }
    } else {
      for (const p of random.sample(MEMBERS, 3)) check(date, p, '节假日值班');
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 月度计划 and 组督查

const TASKS: Readonly<Record<string, readonly string[]>> = {
  计生组: ['完成育龄妇女信息核查', '开展流动人口计生清理清查', '督促各村落实孕情跟踪随访', '完成WIS系统月报录入', '征收社会抚养费', '准备迎接市区计生检查资料', '发放计生奖励扶助资金', '开展计生政策宣传进村入户'],
  政法组: ['排查化解矛盾纠纷', '做好重点信访对象稳控', '开展民调宣传入户', '核对民调电话号码', '组织禁毒宣传', '开展安全生产隐患排查', '调处信访积案', '指导各村义务巡逻'],
  城建组: ['推进保障性安居工程建设', '组织植树造林及苗木补植', '落实森林防火值班巡山', '开展城乡环境卫生整治', '督查花溪江污染治理', '协调小城镇建设征地拆迁', '巡查违章建房', '检查农村饮水工程'],
  民政组: ['完成低保对象季度复核', '走访五保对象', '发放优抚补助资金', '上报灾情及救灾物资发放', '推进城乡居民养老保险征缴', '整理民政档案资料', '办理临时救助', '更新优抚对象信息'],
  效能建设组: ['开展定时查岗和不定时抽查', '督查各组月度工作', '组织三会一课', '推进农村网格化管理', '审核村级报账资料', '编发工作通报', '做好节假日值班安排', '筹备全镇工作会议'],
};

/** Staff who wrote no April plan: `plan_missing` warnings. */
const NO_APRIL_PLAN = new Set(['胡建国', '黄桂兰', '刘佳']);

function planRows(random: Random): Row[] {
  const rows: Row[] = [];
  for (const month of MONTHS) {
    for (const p of MEMBERS) {
      if (month === 4 && NO_APRIL_PLAN.has(p.name)) continue;
      for (const task of random.sample(TASKS[p.group!] ?? [], random.int(2, 3))) {
        const roll = random.int(0, 99);
        const state =
          month === 4
            ? roll < 65 ? '已完成' : roll < 77 ? '延期完成' : roll < 90 ? '未完成' : '进行中'
            : roll < 72 ? '已完成' : roll < 87 ? '延期完成' : '未完成';
        rows.push({ month: `${YEAR}年${month}月`, name: p.ref, task, deadline: `${month}月${random.pick([10, 15, 20, 25, 28])}日前`, state });
      }
    }
  }
  return rows;
}

const INSPECTION_COMMENTS: Readonly<Record<string, readonly string[]>> = {
  计生组: ['计生信息核查工作扎实，育龄妇女台账完整', '流动人口清理清查推进有力，个别村孕情随访滞后', '迎检资料准备充分，工作方法值得推广', '迎市区计生检查顺利通过，各项指标完成较好'],
  政法组: ['信访稳控到位，矛盾纠纷排查台账规范', '积案化解有进展，民调宣传需加强', '民调电话号码准确率偏低，宣传不到位', '全组出动深入村组开展民调宣传，民调工作明显好转'],
  城建组: ['保障性安居工程进度符合要求', '植树造林组织有力，超额完成指标', '森林防火值班巡山落实，创森工作有声有色', '花溪江污染治理成效明显，4月2日山火暴露个别村巡山不到位'],
  民政组: ['低保动态管理规范，春节走访慰问及时', '五保供养工作到位，档案资料需完善', '养老保险征缴进度偏慢', '民政工作规范有序，救灾物资发放登记完整'],
  效能建设组: ['查岗制度落实，通报及时', '党建工作扎实，三会一课记录规范', '村账镇代管推进有力，报账制度执行严格', '作风纪律督查常态化，干部作风明显改变'],
};

function inspectionRows(random: Random): Row[] {
  return MONTHS.flatMap((month) =>
    GROUPS.map((g) => ({
      month: `${YEAR}-${String(month).padStart(2, '0')}`,
      group: g.name,
      score: 80 + random.int(0, 36) / 2,
      comment: INSPECTION_COMMENTS[g.name]?.[month - 1] ?? null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// 问责, 村级财务, 民调

function accountabilityRows(): Row[] {
  const fire = village('岭口村');
  const clerk = village('桐子坳村');
  return [
    { date: day(2, 12), name: clerk.cadres.秘书, unit: clerk.name, kind: '慢作为', reason: '村级报账资料逾期未送代管中心，经催办仍未整改', action: '诫勉谈话', points: 1 },
    { date: day(4, 2), name: fire.cadres.主任, unit: fire.name, kind: '不作为', reason: '森林防火特别防护期置镇领导要求于不顾，当天下午走读到冷水滩，村里发生森林火灾也不回村组织灭火', action: '停职', points: 5 },
    { date: day(4, 2), name: fire.cadres.支书, unit: fire.name, kind: '慢作为', reason: '接到火情报告后未及时组织村民扑救，延误灭火时机', action: '通报批评', points: 3 },
    { date: day(4, 10), name: '谢文斌', unit: '政法组', kind: '慢作为', reason: '民调电话号码核对工作推进缓慢，经督办仍未按期完成', action: '通报批评', points: null },
  ];
}

const INCOME = ['集体土地租金', '村部门面出租收入', '上级转移支付', '集体林地承包费', '一事一议财政奖补'];
const EXPENSES = ['村干部误工补贴', '村道维修材料款', '办公用品', '环境卫生保洁费', '村部水电费', '党员活动经费'];
const DISPOSALS = ['集体林地采伐', '废旧村部房屋出售', '集体鱼塘发包'];

function financeRows(random: Random): Row[] {
  const rows: (Row & { date: Date })[] = [];
  let voucher = 0;
  const nextVoucher = (date: Date) => `BZ${YEAR}-${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(++voucher).padStart(3, '0')}`;
  for (const month of MONTHS) {
    const days = workdays(month);
    for (const v of VILLAGES) {
      const incomeDate = random.pick(days);
      rows.push({ date: incomeDate, village: v.name, type: '收入', amount: random.yuan(2000, 30000), deposited: '是', voucher: null, approved: null, memo: random.pick(INCOME) });
      for (let i = random.int(1, 2); i > 0; i--) {
        const date = random.pick(days);
        rows.push({ date, village: v.name, type: '支出', amount: random.yuan(200, 8000), deposited: null, voucher: nextVoucher(date), approved: null, memo: random.pick(EXPENSES) });
      }
      if (random.chance(0.15)) {
        rows.push({ date: random.pick(days), village: v.name, type: '资源处置', amount: random.yuan(5000, 50000), deposited: null, voucher: null, approved: '是', memo: random.pick(DISPOSALS) });
      }
    }
  }
  // Violations: one in March (outside the assessed month) and one of each kind in April.
  rows.push(
    { date: day(3, 19), village: '杨家村', type: '支出', amount: 420, deposited: null, voucher: null, approved: null, memo: '村部水电费' },
    { date: day(4, 15), village: '新塘村', type: '收入', amount: 6000, deposited: '否', voucher: null, approved: null, memo: '村部门面出租收入' },
    { date: day(4, 17), village: '大坪村', type: '支出', amount: 3280.5, deposited: null, voucher: null, approved: null, memo: '村道维修材料款' },
    { date: day(4, 22), village: '石山脚村', type: '资源处置', amount: 18600, deposited: null, voucher: null, approved: null, memo: '集体林地采伐' },
  );
  return rows.sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** March, when the 民调 went badly, and April after the campaign, with a few villages still short. */
function surveyRows(random: Random): Row[] {
  const shortAware = new Set(['新塘村', '黄家村', '蔡家村']);
  const shortPhones = new Set(['黄家村', '唐家村']);
  return [3, 4].flatMap((month) =>
    VILLAGES.map((v) => {
      const households = random.int(40, 90);
      const phones = households - random.int(0, 3);
      const awareGap = month === 3 ? random.int(0, 8) : shortAware.has(v.name) ? random.int(1, 4) : 0;
      const phoneGap = month === 3 ? random.int(0, 6) : shortPhones.has(v.name) ? random.int(1, 3) : 0;
      return { village: v.name, households, aware: households - awareGap, phones, accuratePhones: phones - phoneGap, month: day(month, 1) };
    }),
  );
}

/**
 * Villages contesting story entries (R13), one or more of each outcome: the fire deduction kept,
 * a March deduction halved, two withdrawn (one in February, one in April), one not yet decided.
 */
function appealRows(): Row[] {
  const fire = village('岭口村');
  return [
    { village: '花桥街村', date: day(2, 10), code: 'ZF-02', points: -1, reason: '台账已按月更新，检查当天由秘书带去镇里报账', result: '撤销', newPoints: null, handler: '黄勇', appealDate: day(2, 16) },
    { village: '新塘村', date: day(3, 18), code: 'JS-03', points: -1, reason: '专干因病请假，已由秘书代为入户随访', result: '改为', newPoints: -0.5, handler: '李建军', appealDate: day(4, 3) },
    { village: fire.name, date: day(4, 2), code: 'CJ-04', points: -3, reason: '当天已安排护林员巡山，火情系邻村蔓延', result: '维持', newPoints: null, handler: '唐志刚', appealDate: day(4, 8) },
    { village: '桐子坳村', date: day(4, 9), code: 'XN-06', points: -1, reason: '公开栏已于3月31日更新，有照片为证', result: '撤销', newPoints: null, handler: '吕国庆', appealDate: day(4, 14) },
    { village: '大坪村', date: day(4, 16), code: 'MZ-02', points: -2, reason: '走访记录在包村干部处，已补交', result: null, newPoints: null, handler: null, appealDate: day(4, 27) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Sheets

function paramValue(key: string, fallback: string | null): ExcelJS.CellValue {
  const overrides: Record<string, ExcelJS.CellValue> = {
    乡镇: TOWN,
    年度: YEAR,
    考核月份: ASSESSED_MONTH,
    计划完成率权重: 0.2,
    迟到早退折算旷工次数: 3,
    财务违规扣分: 1,
  };
  if (key in overrides) return overrides[key] ?? null;
  return fallback !== null && /^\d+(\.\d+)?$/.test(fallback) ? Number(fallback) : fallback;
}

function writeRows(sheet: ExcelJS.Worksheet, columns: readonly SheetColumn[], rows: readonly Row[]): void {
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null));
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: readonly Row[], banner?: string): ExcelJS.Worksheet {
  const sheet = addTableSheet(workbook, name, columns, banner);
  writeRows(sheet, columns, rows);
  return sheet;
}

function addGroupSheet(workbook: ExcelJS.Workbook): void {
  const columns = sheetColumns('groups', { headers: { budget: '年度工作经费（元）' } });
  const sheet = addSheet(
    workbook,
    '组别',
    columns,
    GROUPS.map((g) => ({ group: g.name, leader: g.leader, budget: g.budget, districtItem: g.districtItem ?? null, lastRank: g.lastRank ?? null, rank: g.rank ?? null, units: g.units ?? null, lastClass: g.lastClass ?? null, class: g.klass ?? null })),
  );
  // The 合计 row ends the table (SPEC §2); its sum is kept in fen to stay exact.
  const totalFen = GROUPS.reduce((sum, g) => sum + Math.round(g.budget * 100), 0);
  const last = sheet.rowCount;
  const total = sheet.addRow(['合计', null, { formula: `SUM(C2:C${last})`, result: totalFen / 100 }]);
  total.font = { bold: true };
}

/**
 * Builds the example workbook of 花桥街镇, January to April 2015, assessed for April.
 * Deterministic: the same sheets on every call.
 */
export function buildExampleWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${TOWN}党政办`;
  workbook.created = new Date(Date.UTC(2015, 4, 20));
  workbook.modified = workbook.created;

  const paramColumns = sheetColumns('params', { extra: [{ key: 'note', header: '说明', kind: 'text', width: 48 }] });
  addSheet(workbook, '参数', paramColumns, Object.entries(PARAM_DEFAULTS).map(([key, fallback]) => ({ key, value: paramValue(key, fallback), note: PARAM_NOTES[key] ?? null })));
  addGroupSheet(workbook);
  addSheet(workbook, '人员', sheetColumns('staff'), STAFF.map((p) => ({ name: p.name, group: p.group, position: p.position, id: p.id })));
  addSheet(
    workbook,
    '村',
    sheetColumns('villages', { headers: { secretary: '村支书', director: '村主任', officer: '计生专干' } }),
    VILLAGES.map((v) => ({ village: v.name, secretary: v.cadres.支书, director: v.cadres.主任, clerk: v.cadres.秘书, officer: v.cadres.专干, leader: v.resident })),
    `${TOWN}各村（居）委会干部及驻村领导名册`,
  );
  addSheet(
    workbook,
    '考核细则',
    sheetColumns('rules'),
    RULES.map((r) => ({ code: r.code, category: r.category, item: r.item, group: r.group, points: r.points, bonusCap: r.bonusCap ?? null, split: r.split ?? null })),
  );
  const scoreColumns = sheetColumns('scores', { keys: ['date', 'village', 'code', 'points', 'reason', 'responsible', 'enteredBy'] });
  GROUPS.forEach((g, i) => {
    const entries = scoreEntries(g, new Random(2015_0400 + i));
    addSheet(workbook, `对村考核-${g.name}`, scoreColumns, scoreRows(g, entries), `${TOWN}${YEAR}年对村考核记录（${g.name}）`);
  });
  addSheet(workbook, '考勤', sheetColumns('attendance'), attendanceRows(new Random(2015_0501)));
  addSheet(
    workbook,
    '请假',
    sheetColumns('leave'),
    LEAVES.map((l) => ({ name: person(l.name).ref, start: l.start, end: l.end, days: l.days, reason: l.reason, leaderApproval: l.leaderApproval, headApproval: l.headApproval ?? null })),
  );
  addSheet(workbook, '月度计划', sheetColumns('plans'), planRows(new Random(2015_0601)));
  addSheet(workbook, '组督查', sheetColumns('inspections'), inspectionRows(new Random(2015_0701)));
  addSheet(workbook, '问责', sheetColumns('accountability'), accountabilityRows());
  addSheet(workbook, '村级财务', sheetColumns('finance', { extra: [{ key: 'memo', header: '摘要', kind: 'text', width: 20 }] }), financeRows(new Random(2015_0801)));
  addSheet(workbook, '民调', sheetColumns('survey'), surveyRows(new Random(2015_0901)));
  addSheet(workbook, '申诉', sheetColumns('appeals'), appealRows());
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// Planted mistakes

/** Header row and column number of a header within the first 10 rows of a sheet. */
function findColumn(sheet: ExcelJS.Worksheet, header: string): { headerRow: number; col: number } {
  for (let row = 1; row <= 10; row++) {
    const values = sheet.getRow(row).values;
    const col = Array.isArray(values) ? values.indexOf(header) : -1;
    if (col > 0) return { headerRow: row, col };
  }
  throw new Error(`sheet ${sheet.name} has no column ${header}`);
}

/**
 * The first data row of a score sheet that is typed plainly (a date cell, a number) and names
 * no 责任人, so that one planted value causes exactly one error; `accept` narrows the choice.
 */
function plainScoreRow(sheet: ExcelJS.Worksheet, accept: (row: ExcelJS.Row) => boolean = () => true): ExcelJS.Row {
  const date = findColumn(sheet, '日期');
  const points = findColumn(sheet, '加减分').col;
  const responsible = findColumn(sheet, '责任人').col;
  for (let r = date.headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(date.col).value instanceof Date && typeof row.getCell(points).value === 'number' && !row.getCell(responsible).value && accept(row)) return row;
  }
  throw new Error(`no plain score row on ${sheet.name}`);
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/**
 * Edits the example workbook in place so that it holds exactly five mistakes, each an error:
 * an empty 原因, the misspelt village 花桥村, the text 很好 as points, the unknown 细则编号 Z-99
 * and a 督查得分 of 120.
 * @returns where each mistake is, with the code the engine reports for it
 */
export function plantMistakes(workbook: ExcelJS.Workbook): PlantedMistake[] {
  const plant = (sheetName: string, header: string, pick: (sheet: ExcelJS.Worksheet) => ExcelJS.Row, value: ExcelJS.CellValue, code: MistakeCode): PlantedMistake => {
    const sheet = sheetOf(workbook, sheetName);
    const cell = pick(sheet).getCell(findColumn(sheet, header).col);
    cell.value = value;
    return { sheet: sheetName, cell: cell.address, code };
  };
  const villageCol = (sheet: ExcelJS.Worksheet) => findColumn(sheet, '村').col;
  return [
    plant('对村考核-计生组', '原因', (s) => plainScoreRow(s), null, MISTAKE_CODES.emptyReason),
    plant('对村考核-政法组', '村', (s) => plainScoreRow(s, (row) => row.getCell(villageCol(s)).value === '花桥街村'), '花桥村', MISTAKE_CODES.unknownVillage),
    plant('对村考核-城建组', '加减分', (s) => plainScoreRow(s), '很好', MISTAKE_CODES.notANumber),
    plant('对村考核-民政组', '细则编号', (s) => plainScoreRow(s), 'Z-99', MISTAKE_CODES.unknownRule),
    plant('组督查', '督查得分', (s) => s.getRow(findColumn(s, '督查得分').headerRow + 1), 120, MISTAKE_CODES.outOfRange),
  ];
}
