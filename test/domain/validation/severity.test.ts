import { describe, expect, it } from 'vitest';
import { cleanTown, expectBlocked, expectIssues, headerOf, run, setCell } from './helpers.js';
import { d, type Book } from '../fixtures.js';

/** One way to trigger each warning of SPEC §3, with the cell it must point at. */
const WARNINGS: [code: string, sheet: string, cell: string, plant: (book: Book) => void][] = [
  ['leave_invalid', '请假', 'F2', (b) => void (b['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-06'), 1, '看病', '李四', '']])],
  ['attendance_leave_missing', '考勤', 'D2', (b) => void (b['考勤'] = [headerOf('考勤'), [d('2015-04-08'), '张三', '定时查岗', '请假', '', '效能办']])],
  ['plan_missing', '人员', 'A8', (b) => void b['月度计划']!.splice(5, 1)],
  [
    'bonus_capped',
    '对村考核',
    'D3',
    (b) =>
      void b['对村考核']!.push(
        [d('2015-04-02'), '花桥街村', 'JS-01', 2, '政策宣传到位', '计生组', '', ''],
        [d('2015-04-09'), '花桥街村', 'JS-01', 2, '孕检服务到位', '计生组', '', ''],
      ),
  ],
  ['finance_violation', '村级财务', 'E2', (b) => void (b['村级财务'] = [headerOf('村级财务'), [d('2015-04-03'), '新塘村', '收入', 1200, '×', '', '']])],
  ['zero_score', '对村考核', 'D2', (b) => void b['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', 0, '已检查', '计生组', '', ''])],
  [
    'duplicate_entry',
    '对村考核',
    'D3',
    (b) =>
      void b['对村考核']!.push(
        [d('2015-04-02'), '花桥街村', 'JS-02', -1, '台账不全', '计生组', '', ''],
        [d('2015-04-02'), '花桥街村', 'JS-02', -1, '台账不全', '计生组', '', ''],
      ),
  ],
];

describe('warnings do not block', () => {
  it.each(WARNINGS)('reports %s as a warning at %s!%s and computes the month', (code, sheet, cell, plant) => {
    // Prepare
    const book = cleanTown();
    plant(book);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet, cell, severity: 'warning', code }]);
    expect(result.status).toBe('ok');
    expect(result.villages).toHaveLength(3);
    expect(result.groups).toHaveLength(2);
  });

  it('points a long leave without a 书记/镇长 at the 领导审批 cell', () => {
    // Prepare
    const book = cleanTown();
    book['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-08'), 3, '探亲', '王组长', '赵组长']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '请假', cell: 'G2', severity: 'warning', code: 'leave_invalid', quotes: ['赵组长'] }]);
    expect(result.leaves[0]).toMatchObject({ cell: 'A2', valid: false });
  });

  it('points an expenditure without 报账单号 at the empty 报账单号 cell', () => {
    // Prepare
    const book = cleanTown();
    book['村级财务'] = [headerOf('村级财务'), [d('2015-04-03'), '新塘村', '支出', 800, '', '', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '村级财务', cell: 'F2', severity: 'warning', code: 'finance_violation' }]);
    expect(result.finance[1]).toEqual({ village: '新塘村', violations: 1, undepositedIncome: 0 });
  });
});

/** One way to trigger each error of SPEC §3 that has no warning severity. */
const ERRORS: [code: string, plant: (book: Book) => void][] = [
  ['missing_sheet', (b) => void delete b['村']],
  ['missing_column', (b) => void b['组督查']![0]!.splice(2, 1, '得分说明')],
  ['not_a_number', (b) => setCell(b, '组别', 'C2', '很多')],
  ['missing_value', (b) => setCell(b, '组督查', 'C2', '')],
  ['excel_error', (b) => setCell(b, '组督查', 'C2', '#N/A')],
  ['date_out_of_year', (b) => void b['对村考核']!.push([d('2014-04-02'), '花桥街村', 'JS-02', -1, '台账不全', '计生组', '', ''])],
  ['unknown_village', (b) => void b['对村考核']!.push([d('2015-04-02'), '花桥村', 'JS-02', -1, '台账不全', '计生组', '', ''])],
  ['unknown_group', (b) => setCell(b, '人员', 'B8', '政法')],
  ['unknown_person', (b) => void (b['考勤'] = [headerOf('考勤'), [d('2015-04-08'), '王五', '', '缺签', '', '']])],
  ['unknown_rule', (b) => void b['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-09', -1, '台账不全', '计生组', '', ''])],
  ['rule_group_mismatch', (b) => void b['对村考核']!.push([d('2015-04-02'), '花桥街村', 'ZF-01', -1, '台账不全', '计生组', '', ''])],
  ['duplicate_rule_code', (b) => void b['考核细则']!.push(['ZF-03', '综治维稳', '消防', '政法组', 2, '', ''])],
  ['duplicate_person', (b) => void b['人员']!.push(['李四', '计生组', '组员', ''])],
  ['out_of_range', (b) => setCell(b, '组督查', 'C2', 101)],
  ['inspection_missing', (b) => void b['组督查']!.pop()],
  ['survey_inconsistent', (b) => void (b['民调'] = [['村', '调查户数', '知晓户数', '登记电话数', '准确电话数'], ['新塘村', 10, 11, 5, 5]])],
  ['leave_days_invalid', (b) => void (b['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-06'), 2, '看病', '王组长', '']])],
  ['split_not_100', (b) => setCell(b, '考核细则', 'G2', '支书50%、主任40%')],
  ['leader_not_member', (b) => setCell(b, '组别', 'B3', '张三')],
];

describe('errors block the whole result', () => {
  it.each(ERRORS)('makes %s an error and leaves only the issue list', (code, plant) => {
    // Prepare
    const book = cleanTown();
    plant(book);

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    expect(result.issues.filter((i) => i.code === code).map((i) => i.severity)).toEqual(['error']);
  });

  it('keeps the warnings next to the errors in the issue list', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', 0, '已检查', '计生组', '', '']);
    setCell(book, '组别', 'C2', '很多');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    expect(result.issues.map((i) => [i.sheet, i.cell, i.severity, i.code])).toEqual(
      expect.arrayContaining([
        ['组别', 'C2', 'error', 'not_a_number'],
        ['对村考核', 'D2', 'warning', 'zero_score'],
      ]),
    );
  });
});

describe('planted mistakes', () => {
  it('reports all five mistakes of one workbook at their exact cells in one run', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push(
      [d('2015-04-02'), '花桥街村', 'JS-02', -2, '', '计生组', '', '张三'],
      [d('2015-04-03'), '花桥村', 'JS-02', -1, '流动人口台账不全', '计生组', '', '张三'],
      [d('2015-04-06'), '新塘村', 'ZF-01', '很好', '信访工作好', '政法组', '', '钱五'],
      [d('2015-04-07'), '毛家村', 'Z-99', -1, '安全隐患未整改', '政法组', '', '钱五'],
      [d('2015-04-08'), '毛家村', 'ZF-01', 1, '化解信访积案', '政法组', '', '钱五'],
    );
    setCell(book, '组督查', 'C7', 120);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [
      { sheet: '对村考核', cell: 'E2', severity: 'error', code: 'missing_value', quotes: ['原因'] },
      { sheet: '对村考核', cell: 'B3', severity: 'error', code: 'unknown_village', quotes: ['「花桥村」', '「花桥街村」'] },
      { sheet: '对村考核', cell: 'D4', severity: 'error', code: 'not_a_number', quotes: ['「很好」'] },
      { sheet: '对村考核', cell: 'C5', severity: 'error', code: 'unknown_rule', quotes: ['「Z-99」'] },
      { sheet: '组督查', cell: 'C7', severity: 'error', code: 'out_of_range', quotes: ['120'] },
    ]);
    expectBlocked(result);
  });
});
