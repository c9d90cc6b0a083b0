/**
 * The workbook contract of SPEC §2: every input table, its columns, synonyms and cell kinds.
 * The engine, the example generator, the template and the add-in's 初始化模板 all read it from here.
 */

/** How a cell of a column is normalised and checked. */
export type CellKind =
  | 'text' // free text, trimmed
  | 'name' // a name: trimmed, full-width spaces removed
  | 'number' // any number (points, counts)
  | 'money' // yuan
  | 'date'
  | 'month'
  | 'yesno'
  | 'enum';

export interface ColumnDef {
  /** Identifier used in code. */
  key: string;
  /** Canonical Chinese header. */
  header: string;
  synonyms?: readonly string[];
  required: boolean;
  kind: CellKind;
  /** Allowed values for `enum` columns (also the template's dropdown). */
  values?: readonly string[];
  /** Suggested width in characters for the template and result sheets. */
  width?: number;
}

export interface TableDef {
  key: TableKey;
  /** Sheet name (for 对村考核 also the prefix of `对村考核-<组名>`). */
  sheet: string;
  /** Whether the sheet must be present in the workbook. */
  requiredSheet: boolean;
  columns: readonly ColumnDef[];
  /** One-line Chinese explanation for the template's 说明 sheet. */
  note: string;
}

export type TableKey =
  | 'params'
  | 'groups'
  | 'staff'
  | 'villages'
  | 'rules'
  | 'scores'
  | 'attendance'
  | 'leave'
  | 'plans'
  | 'inspections'
  | 'accountability'
  | 'finance'
  | 'survey'
  | 'appeals';

export const ATTENDANCE_METHODS = ['定时查岗', '不定时抽查', '节假日值班'] as const;
export const ATTENDANCE_RESULTS = ['在岗', '缺签', '迟到', '早退', '旷工', '请假', '脱岗'] as const;
export const PLAN_STATES = ['已完成', '延期完成', '未完成', '进行中'] as const;
export const ACCOUNTABILITY_KINDS = ['不作为', '乱作为', '慢作为'] as const;
export const ACCOUNTABILITY_ACTIONS = ['通报批评', '诫勉谈话', '停职', '移交纪委'] as const;
export const FINANCE_TYPES = ['收入', '支出', '资源处置'] as const;
export const POSITIONS = ['书记', '镇长', '副书记', '副镇长', '组长', '副组长', '组员'] as const;
export const CLASSES = ['一类', '二类', '三类', '四类'] as const;
export const YES_NO = ['是', '否'] as const;
/** 处理结果 of a 申诉 row (R13); a blank cell means 待处理. */
export const APPEAL_RESULTS = ['待处理', '维持', '撤销', '改为'] as const;
/** The four village roles of R8, in report order. */
export const VILLAGE_ROLES = ['支书', '主任', '秘书', '专干'] as const;

const col = (
  key: string,
  header: string,
  kind: CellKind,
  required: boolean,
  extra: Partial<ColumnDef> = {},
): ColumnDef => ({ key, header, kind, required, ...extra });

export const TABLES: readonly TableDef[] = [
  {
    key: 'params',
    sheet: '参数',
    requiredSheet: true,
    note: '考核参数：乡镇、年度、考核月份（YYYY-MM）及扣款、奖励等标准，未填写的使用默认值。',
    columns: [col('key', '参数', 'text', true, { width: 18 }), col('value', '值', 'text', true, { width: 16 })],
  },
  {
    key: 'groups',
    sheet: '组别',
    requiredSheet: true,
    note: '各工作组、组长、年度工作经费（元）及区级考核排名、类别。',
    columns: [
      col('group', '组名', 'name', true, { width: 12 }),
      col('leader', '组长', 'name', true, { width: 10 }),
      col('budget', '年度工作经费', 'money', true, { width: 14 }),
      col('districtItem', '区级考核项目', 'text', false, { width: 14 }),
      col('lastRank', '上年全区排名', 'number', false, { width: 12 }),
      col('rank', '本年全区排名', 'number', false, { width: 12 }),
      col('units', '参评单位数', 'number', false, { width: 10 }),
      col('lastClass', '上年类别', 'enum', false, { values: CLASSES, width: 10 }),
      col('class', '本年类别', 'enum', false, { values: CLASSES, width: 10 }),
    ],
  },
  {
    key: 'staff',
    sheet: '人员',
    requiredSheet: true,
    note: '全体干部职工，书记、镇长的所在组可以为空；重名时必须填写工号。',
    columns: [
      col('name', '姓名', 'name', true, { width: 10 }),
      col('group', '所在组', 'name', true, { width: 12 }),
      col('position', '职务', 'enum', true, { values: POSITIONS, width: 10 }),
      col('id', '工号', 'text', false, { width: 10 }),
    ],
  },
  {
    key: 'villages',
    sheet: '村',
    requiredSheet: true,
    note: '各村（居）委会及村干部、驻村领导。',
    columns: [
      col('village', '村名', 'name', true, { width: 12 }),
      col('secretary', '支书', 'name', false, { synonyms: ['村支书'], width: 10 }),
      col('director', '主任', 'name', false, { synonyms: ['村主任'], width: 10 }),
      col('clerk', '秘书', 'name', false, { width: 10 }),
      col('officer', '专干', 'name', false, { synonyms: ['计生专干'], width: 10 }),
      col('leader', '驻村领导', 'name', false, { width: 10 }),
    ],
  },
  {
    key: 'rules',
    sheet: '考核细则',
    requiredSheet: true,
    note: '对村考核细则：编号唯一，考核组为负责打分的组，加分上限为全年累计上限，责任分解如「支书30%、主任20%、秘书20%、专干30%」。',
    columns: [
      col('code', '编号', 'text', true, { width: 8 }),
      col('category', '类别', 'text', true, { width: 12 }),
      col('item', '项目', 'text', true, { width: 30 }),
      col('group', '考核组', 'name', true, { width: 12 }),
      col('points', '分值', 'number', false, { width: 8 }),
      col('bonusCap', '加分上限', 'number', false, { width: 10 }),
      col('split', '责任分解', 'text', false, { width: 30 }),
    ],
  },
  {
    key: 'scores',
    sheet: '对村考核',
    requiredSheet: false,
    note: '各组对村打分记录，每条加分、扣分都必须写明原因；可以每组一张表，表名为「对村考核-组名」。',
    columns: [
      col('date', '日期', 'date', true, { width: 12 }),
      col('village', '村', 'name', true, { width: 12 }),
      col('code', '细则编号', 'text', true, { width: 10 }),
      col('points', '加减分', 'number', true, { width: 8 }),
      col('reason', '原因', 'text', true, { width: 36 }),
      col('group', '考核组', 'name', false, { width: 12 }),
      col('responsible', '责任人', 'name', false, { width: 10 }),
      col('enteredBy', '录入人', 'text', false, { width: 10 }),
    ],
  },
  {
    key: 'attendance',
    sheet: '考勤',
    requiredSheet: false,
    note: '效能建设组查岗记录：结果为在岗、缺签、迟到、早退、旷工、请假或脱岗。',
    columns: [
      col('date', '日期', 'date', true, { width: 12 }),
      col('name', '姓名', 'name', true, { width: 10 }),
      col('method', '检查方式', 'enum', false, { values: ATTENDANCE_METHODS, width: 12 }),
      col('result', '结果', 'enum', true, { values: ATTENDANCE_RESULTS, width: 8 }),
      col('days', '天数', 'number', false, { width: 6 }),
      col('inspector', '检查人', 'text', false, { width: 10 }),
    ],
  },
  {
    key: 'leave',
    sheet: '请假',
    requiredSheet: false,
    note: '请假两天以内由组长审批，超过两天或组长本人请假须书记、镇长审批。',
    columns: [
      col('name', '姓名', 'name', true, { width: 10 }),
      col('start', '开始日期', 'date', true, { width: 12 }),
      col('end', '结束日期', 'date', true, { width: 12 }),
      col('days', '天数', 'number', true, { width: 6 }),
      col('reason', '事由', 'text', false, { width: 20 }),
      col('leaderApproval', '组长审批', 'name', false, { width: 10 }),
      col('headApproval', '领导审批', 'name', false, { width: 10 }),
    ],
  },
  {
    key: 'plans',
    sheet: '月度计划',
    requiredSheet: false,
    note: '每人每月初制定的月度工作计划及完成情况。',
    columns: [
      col('month', '月份', 'month', true, { width: 10 }),
      col('name', '姓名', 'name', true, { width: 10 }),
      col('task', '工作事项', 'text', true, { width: 30 }),
      col('deadline', '完成时限', 'text', false, { width: 12 }),
      col('state', '完成情况', 'enum', true, { values: PLAN_STATES, width: 10 }),
    ],
  },
  {
    key: 'inspections',
    sheet: '组督查',
    requiredSheet: true,
    note: '效能建设组每月对各组的督查得分（0–100）与点评。',
    columns: [
      col('month', '月份', 'month', true, { width: 10 }),
      col('group', '组名', 'name', true, { width: 12 }),
      col('score', '督查得分', 'number', true, { width: 10 }),
      col('comment', '点评', 'text', false, { width: 36 }),
    ],
  },
  {
    key: 'accountability',
    sheet: '问责',
    requiredSheet: false,
    note: '不作为、乱作为、慢作为的问责记录，扣分计入所在村。',
    columns: [
      col('date', '日期', 'date', true, { width: 12 }),
      col('name', '姓名', 'name', true, { width: 10 }),
      col('unit', '单位', 'name', true, { width: 12 }),
      col('kind', '情形', 'enum', true, { values: ACCOUNTABILITY_KINDS, width: 10 }),
      col('reason', '事由', 'text', true, { width: 36 }),
      col('action', '处理', 'enum', false, { values: ACCOUNTABILITY_ACTIONS, width: 10 }),
      col('points', '扣分', 'number', false, { width: 8 }),
    ],
  },
  {
    key: 'finance',
    sheet: '村级财务',
    requiredSheet: false,
    note: '村账镇代管：收入须上交代管中心，支出须有报账单号，资源处置须经镇审批。',
    columns: [
      col('date', '日期', 'date', true, { width: 12 }),
      col('village', '村', 'name', true, { width: 12 }),
      col('type', '类型', 'enum', true, { values: FINANCE_TYPES, width: 10 }),
      col('amount', '金额', 'money', true, { width: 12 }),
      col('deposited', '上交代管中心', 'yesno', false, { width: 12 }),
      col('voucher', '报账单号', 'text', false, { width: 12 }),
      col('approved', '镇审批', 'yesno', false, { width: 8 }),
    ],
  },
  {
    key: 'survey',
    sheet: '民调',
    requiredSheet: false,
    note: '民调知晓率、电话准确率，目标均为100%。',
    columns: [
      col('village', '村', 'name', true, { width: 12 }),
      col('households', '调查户数', 'number', true, { width: 10 }),
      col('aware', '知晓户数', 'number', true, { width: 10 }),
      col('phones', '登记电话数', 'number', true, { width: 10 }),
      col('accuratePhones', '准确电话数', 'number', true, { width: 10 }),
      col('month', '月份', 'month', false, { width: 10 }),
    ],
  },
  {
    key: 'appeals',
    sheet: '申诉',
    requiredSheet: false,
    note: '村（居）对某条加减分的申诉：村、记录日期、细则编号、原分值须与对村考核中的记录一致；处理结果为维持、撤销或改为（须填改为分值），未填为待处理。',
    columns: [
      col('village', '村', 'name', true, { synonyms: ['村名', '申诉单位'], width: 12 }),
      col('date', '记录日期', 'date', true, { synonyms: ['扣分日期', '考核日期'], width: 12 }),
      col('code', '细则编号', 'text', true, { width: 10 }),
      col('points', '原分值', 'number', true, { synonyms: ['原加减分', '原扣分'], width: 8 }),
      col('reason', '申诉理由', 'text', true, { synonyms: ['理由', '申诉事由'], width: 36 }),
      col('result', '处理结果', 'enum', false, { values: APPEAL_RESULTS, synonyms: ['处理意见'], width: 10 }),
      col('newPoints', '改为分值', 'number', false, { synonyms: ['改后分值', '更正分值'], width: 10 }),
      col('handler', '处理人', 'text', false, { width: 10 }),
      col('appealDate', '申诉日期', 'date', false, { width: 12 }),
    ],
  },
];

/** Looks up a table definition by key. */
export function tableDef(key: TableKey): TableDef {
  const def = TABLES.find((t) => t.key === key);
  if (!def) throw new Error(`unknown table ${key}`);
  return def;
}

/** How a 参数 value is read: points and days in hundredths, money in fen, a weight in ten-thousandths. */
export type ParamKind = 'text' | 'year' | 'month' | 'points' | 'fen' | 'int' | 'yesno' | 'weight';

export interface ParamDef {
  key: string;
  /** Default value as typed; `null` marks a required key. */
  defaultValue: string | null;
  kind: ParamKind;
  /** Chinese explanation shown beside the key in the template. */
  note: string;
}

/** Every 参数 key of SPEC §4, in template order. */
export const PARAMS: readonly ParamDef[] = [
  { key: '乡镇', defaultValue: null, kind: 'text', note: '乡镇名称（必填）' },
  { key: '年度', defaultValue: null, kind: 'year', note: '考核年度，如 2015（必填）' },
  { key: '考核月份', defaultValue: null, kind: 'month', note: '本次考核的月份，格式 YYYY-MM，如 2015-04（必填）' },
  { key: '村基础分', defaultValue: '100', kind: 'points', note: '各村每月的基础分' },
  { key: '缺签扣款', defaultValue: '100', kind: 'fen', note: '组员缺签一次扣组长的金额（元）' },
  { key: '旷工扣款', defaultValue: '200', kind: 'fen', note: '组员旷工一天扣组长的金额（元）' },
  { key: '组长批假天数', defaultValue: '2', kind: 'points', note: '组长可以批准的最长请假天数，超过须书记、镇长审批' },
  { key: '排名前进位次', defaultValue: '5', kind: 'int', note: '区级考核排名比上年前进达到此位次即奖励' },
  { key: '排名前进奖励', defaultValue: '10000', kind: 'fen', note: '排名前进奖励该组的金额（元）' },
  { key: '进类奖励', defaultValue: '20000', kind: 'fen', note: '类别进位奖励该组的金额（元）' },
  { key: '奖励可叠加', defaultValue: '否', kind: 'yesno', note: '排名前进奖励与进类奖励是否叠加（是/否），否则取较大者' },
  { key: '计划完成率权重', defaultValue: '0', kind: 'weight', note: '组月度得分中月度计划完成率所占权重（0 到 1）' },
  { key: '迟到早退折算旷工次数', defaultValue: '0', kind: 'int', note: '迟到、早退累计几次折算旷工一天（0 为不折算）' },
  { key: '未批准请假按旷工', defaultValue: '是', kind: 'yesno', note: '未按规定审批的请假是否按旷工计算（是/否）' },
  { key: '财务违规扣分', defaultValue: '0', kind: 'points', note: '每起村级财务违规扣所在村的分数' },
];

/** 参数 keys with their defaults (SPEC §4); `null` marks a required key without default. */
export const PARAM_DEFAULTS: Readonly<Record<string, string | null>> = Object.fromEntries(PARAMS.map((p) => [p.key, p.defaultValue]));

/** Names of the result sheets the product writes (SPEC §5), in workbook order. */
export const RESULT_SHEETS = ['考核结果-村', '考核结果-组', '责任分解', '经费发放', '通报', '村考核明细', '校验问题'] as const;
