import { describe, expect, it } from 'vitest';
import { compute } from '../../../functions/src/domain/index.js';
import { d, smallTown, toGrids } from '../fixtures.js';
import { addAccountability, addAppeals, addFinance, addLeaves, addPlans, addScores, addSurvey, planRows, run, setCell, setInspection } from './helpers.js';

/** Whether a JSON number has at most `digits` decimals. */
const hasDecimals = (n: number, digits: number) => Math.abs(n * 10 ** digits - Math.round(n * 10 ** digits)) < 1e-6;

describe('§5 result JSON', () => {
  it('has the fields of SPEC §5 and survives JSON unchanged', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [[d('2015-04-03'), '花桥街村', 'JS-01', -1, '出生信息迟报', '计生组', '', '']]);
    addLeaves(book, [['张三', d('2015-04-01'), d('2015-04-01'), 1, '事假', '王组长', '']]);
    addAccountability(book, [[d('2015-04-08'), '周秘书', '花桥街村', '慢作为', '计生报表迟报', '通报批评', 1]]);
    addFinance(book, [[d('2015-04-09'), '毛家村', '收入', 10, '否', '', '']]);
    addSurvey(book, [['新塘村', 3, 2, 3, 3, '']]);
    addPlans(book, planRows('2015-04', '张三', ['已完成']));
    addAppeals(book, [['花桥街村', d('2015-04-03'), 'JS-01', -1, '有异议', '维持', '', '', '']]);

    // Act
    const r = run(book);

    // Assess
    expect(Object.keys(r).sort()).toEqual(
      ['status', 'town', 'year', 'month', 'issues', 'villages', 'groups', 'staff', 'leaves', 'finance', 'survey', 'accountability', 'appeals', 'bulletin', 'statements'].sort(),
    );
    expect([r.status, r.town, r.year, r.month]).toEqual(['ok', '花桥街镇', 2015, '2015-04']);
    expect(Object.keys(r.issues[0]!).sort()).toEqual(['cell', 'code', 'message', 'severity', 'sheet']);
    expect(Object.keys(r.villages[0]!).sort()).toEqual(
      ['village', 'monthBonus', 'monthDeduction', 'monthScore', 'monthRank', 'ytdBonus', 'ytdDeduction', 'ytdScore', 'ytdRank', 'byGroup', 'roles'].sort(),
    );
    expect(Object.keys(r.villages[0]!.roles[0]!).sort()).toEqual(['monthDeduction', 'name', 'role', 'ytdDeduction']);
    expect(Object.keys(r.groups[0]!).sort()).toEqual(
      [
        'group', 'leader', 'inspectionScore', 'planItems', 'planCompletion', 'onTimeCompletion', 'monthScore', 'missedSignIns', 'absentDays',
        'leaderPenalty', 'fundBase', 'fundPaid', 'fundWithheld', 'ytdFundPaid', 'rankAdvance', 'classImproved', 'reward', 'lastInDistrict', 'awardEligible',
      ].sort(),
    );
    expect(Object.keys(r.staff[0]!).sort()).toEqual(
      ['name', 'group', 'missedSignIns', 'absentDays', 'late', 'earlyLeave', 'planItems', 'planCompletion', 'awardEligible'].sort(),
    );
    expect(Object.keys(r.leaves[0]!).sort()).toEqual(['cell', 'days', 'name', 'reason', 'valid']);
    expect(Object.keys(r.finance[0]!).sort()).toEqual(['undepositedIncome', 'village', 'violations']);
    expect(Object.keys(r.survey[0]!).sort()).toEqual(['awarenessRate', 'phoneAccuracyRate', 'village']);
    expect(Object.keys(r.accountability[0]!).sort()).toEqual(['action', 'date', 'deduction', 'kind', 'name', 'unit']);
    expect(Object.keys(r.appeals[0]!).sort()).toEqual(['applied', 'cell', 'date', 'newPoints', 'points', 'result', 'rule', 'village']);
    expect(Object.keys(r.statements[0]!).sort()).toEqual(['deductions', 'entries', 'monthScores', 'village']);
    expect(Object.keys(r.statements[0]!.entries[0]!).sort()).toEqual(['appeal', 'date', 'group', 'item', 'points', 'reason', 'responsible', 'rule']);
    expect(r.bulletin.every((l) => typeof l === 'string')).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('follows the order of 村, 组别 and 人员, with byGroup in 组别 order plus 其他', () => {
    // Prepare
    const book = smallTown();
    const [header, jisheng, zhengfa] = book['组别']!;
    book['组别'] = [header!, zhengfa!, jisheng!];

    // Act
    const r = run(book);

    // Assess
    expect(r.villages.map((v) => v.village)).toEqual(['花桥街村', '新塘村', '毛家村']);
    expect(r.groups.map((g) => g.group)).toEqual(['政法组', '计生组']);
    expect(r.staff.map((s) => [s.name, s.group])).toEqual([
      ['刘书记', null],
      ['陈镇长', null],
      ['王组长', '计生组'],
      ['张三', '计生组'],
      ['李四', '计生组'],
      ['赵组长', '政法组'],
      ['钱五', '政法组'],
    ]);
    expect(Object.keys(r.villages[0]!.byGroup)).toEqual(['政法组', '计生组', '其他']);
    expect(r.finance.map((f) => f.village)).toEqual(['花桥街村', '新塘村', '毛家村']);
    expect(r.survey.map((s) => s.village)).toEqual(['花桥街村', '新塘村', '毛家村']);
  });

  it('gives money in yuan and points with at most 2 decimals, rates with at most 4', () => {
    // Prepare
    const book = smallTown();
    setCell(book, '组别', '计生组', '年度工作经费', 100000.1);
    setInspection(book, '2015-04', '计生组', 76.97);
    addScores(book, [[d('2015-04-03'), '花桥街村', 'ZF-03', -0.37, '安全检查不到位', '政法组', '', '']]);
    addPlans(book, planRows('2015-04', '张三', ['已完成', '未完成', '未完成']));
    addSurvey(book, [['新塘村', 7, 3, 9, 4, '']]);

    // Act
    const r = run(book);

    // Assess
    const money = r.groups.flatMap((g) => [g.fundBase, g.fundPaid, g.fundWithheld, g.ytdFundPaid, g.leaderPenalty, g.reward, g.monthScore ?? 0]);
    const points = r.villages.flatMap((v) => [v.monthScore, v.ytdScore, v.monthDeduction, ...v.roles.map((x) => x.monthDeduction)]);
    const rates = [...r.groups.map((g) => g.planCompletion ?? 0), ...r.survey.flatMap((s) => [s.awarenessRate ?? 0, s.phoneAccuracyRate ?? 0])];
    expect([...money, ...points].filter((n) => !hasDecimals(n, 2))).toEqual([]);
    expect(rates.filter((n) => !hasDecimals(n, 4))).toEqual([]);
    // 833334 fen = 8333.34 yuan; ZF-03 0.37 → 1%/1%/1%/97% of 37 hundredths: 0.37 ×3, 35.89 → 0, 0, 0, 35 + 2 left
    // by remainders .37, .37, .37, .89 → 专干 36, then 支书 1: 0.01, 0, 0, 0.36
    expect(r.groups[0]!.fundBase).toBe(8333.34);
    expect(r.villages[0]!.roles.map((x) => x.monthDeduction)).toEqual([0.01, 0, 0, 0.36]);
    // 1/3 → 0.3333; 3/7 = 0.428571… → 0.4286; 4/9 = 0.4444…
    expect(r.groups[0]!.planCompletion).toBe(0.3333);
    expect([r.survey[1]!.awarenessRate, r.survey[1]!.phoneAccuracyRate]).toEqual([0.4286, 0.4444]);
  });

  it('fills only issues when status is invalid', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [[d('2015-04-03'), '花桥村', 'JS-01', -1, '出生信息迟报', '计生组', '', '']]);

    // Act
    const r = compute(toGrids(book));

    // Assess
    expect(r.status).toBe('invalid');
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.sheet, i.cell, i.code])).toEqual([['对村考核', 'B2', 'unknown_village']]);
    expect([r.villages, r.groups, r.staff, r.leaves, r.finance, r.survey, r.accountability, r.bulletin]).toEqual([[], [], [], [], [], [], [], []]);
  });
});

