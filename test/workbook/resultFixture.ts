/** A hand-made AssessmentResult for the writer tests: two villages, three groups, two issues. */
import { emptyResult } from '../../functions/src/domain/emptyResult.js';
import type { AssessmentResult, GroupResult, RoleResult, VillageResult } from '../../functions/src/domain/types.js';

const roles = (names: (string | null)[], month: number[], ytd: number[]): RoleResult[] =>
  (['支书', '主任', '秘书', '专干'] as const).map((role, i) => ({
    role,
    name: names[i] ?? null,
    monthDeduction: month[i] ?? 0,
    ytdDeduction: ytd[i] ?? 0,
  }));

const village = (partial: Partial<VillageResult> & Pick<VillageResult, 'village'>): VillageResult => ({
  monthBonus: 0,
  monthDeduction: 0,
  monthScore: 100,
  monthRank: 1,
  ytdBonus: 0,
  ytdDeduction: 0,
  ytdScore: 100,
  ytdRank: 1,
  byGroup: {},
  roles: roles([null, null, null, null], [], []),
  ...partial,
});

const group = (partial: Partial<GroupResult> & Pick<GroupResult, 'group' | 'leader'>): GroupResult => ({
  inspectionScore: 90,
  planItems: 0,
  planCompletion: null,
  onTimeCompletion: null,
  monthScore: 90,
  missedSignIns: 0,
  absentDays: 0,
  leaderPenalty: 0,
  fundBase: 0,
  fundPaid: 0,
  fundWithheld: 0,
  ytdFundPaid: 0,
  rankAdvance: null,
  classImproved: false,
  reward: 0,
  lastInDistrict: false,
  awardEligible: true,
  ...partial,
});

/** An ok result of 花桥街镇, 2015-04. Fund figures are chosen so that a float sum would not be exact. */
export function okResult(): AssessmentResult {
  return {
    status: 'ok',
    town: '花桥街镇',
    year: 2015,
    month: '2015-04',
    issues: [
      {
        sheet: '请假',
        cell: 'G3',
        severity: 'warning',
        code: 'leave_invalid',
        message: '组长审批「李四」不是申请人所在组的组长「王五」',
      },
    ],
    villages: [
      village({
        village: '花桥街村',
        monthBonus: 3,
        monthDeduction: 1.5,
        monthScore: 101.5,
        monthRank: 1,
        ytdBonus: 5,
        ytdDeduction: 2.25,
        ytdScore: 102.75,
        ytdRank: 2,
        byGroup: { 计生组: { bonus: 3, deduction: 1.5 }, 城建组: { bonus: 0, deduction: 0 }, 其他: { bonus: 0, deduction: 0 } },
        roles: roles(['赵一', '钱二', '孙三', '李四'], [0.45, 0.3, 0.3, 0.45], [0.45, 0.3, 0.3, 0.45]),
      }),
      village({
        village: '新田村',
        monthBonus: 0,
        monthDeduction: 4,
        monthScore: 96,
        monthRank: 2,
        ytdBonus: 8,
        ytdDeduction: 4,
        ytdScore: 104,
        ytdRank: 1,
        byGroup: { 计生组: { bonus: 0, deduction: 2 }, 其他: { bonus: 0, deduction: 2 } },
      }),
    ],
    groups: [
      group({
        group: '计生组',
        leader: '王五',
        inspectionScore: 95,
        planItems: 8,
        planCompletion: 0.875,
        onTimeCompletion: 0.75,
        monthScore: 95,
        missedSignIns: 1,
        absentDays: 2,
        leaderPenalty: 500,
        fundBase: 0.1,
        fundPaid: 0.1,
        fundWithheld: 0,
        ytdFundPaid: 0.1,
        rankAdvance: 6,
        classImproved: true,
        reward: 20000,
      }),
      group({ group: '城建组', leader: '周六', fundBase: 0.2, fundPaid: 0.19, fundWithheld: 0.01, ytdFundPaid: 0.2 }),
      group({
        group: '政法组',
        leader: '吴七',
        inspectionScore: null,
        monthScore: null,
        fundBase: 0.4,
        fundPaid: 0.4,
        ytdFundPaid: 0.4,
        rankAdvance: -1,
        lastInDistrict: true,
        awardEligible: false,
      }),
    ],
    staff: [],
    leaves: [],
    finance: [],
    survey: [],
    accountability: [],
    appeals: [{ cell: 'A2', village: '新田村', date: '2015-04-09', rule: 'JS-02', points: -3, result: '改为', newPoints: -2, applied: true }],
    bulletin: [
      '一、对村考核：本月第一名花桥街村（101.50分），末位新田村（96.00分）。',
      '二、扣分情况：新田村 计生组 扣2分，原因：未按时上报计生月报表；问责扣2分。'.repeat(3),
    ],
    statements: [
      {
        village: '花桥街村',
        entries: [
          { date: '2015-04-02', group: '计生组', rule: 'JS-01', item: '出生人口政策符合率', points: 3, reason: '政策符合率 100%', responsible: null, appeal: null },
          { date: '2015-04-08', group: '计生组', rule: 'JS-02', item: '流动人口管理', points: -1.5, reason: '流动人口台账未及时更新，漏登 3 户', responsible: '专干', appeal: '维持' },
        ],
        deductions: [],
        monthScores: [100.5, 100.75, 100, 101.5],
      },
      {
        village: '新田村',
        entries: [{ date: '2015-04-09', group: '计生组', rule: 'JS-02', item: '流动人口管理', points: -2, reason: '未按时上报计生月报表', responsible: null, appeal: '改为 -2（原 -3）' }],
        deductions: [{ date: '2015-04-12', what: '问责：钱二慢作为', points: 2, reason: '计生报表迟报' }],
        monthScores: [104, 102, 102, 96],
      },
    ],
  };
}

/** An invalid result: only the issues are filled. */
export function invalidResult(): AssessmentResult {
  return emptyResult({ status: 'invalid', town: null, year: null, month: null }, [
    { sheet: '对村考核', cell: 'B5', severity: 'error', code: 'unknown_village', message: '村名「花桥村」不存在，是否为「花桥街村」？' },
  ]);
}
