import { describe, expect, it } from 'vitest';
import { cleanTown, expectBlocked, expectIssues, headerOf, removeColumn, run } from './helpers.js';
import { d } from '../fixtures.js';

describe('missing sheet', () => {
  it.each(['参数', '组别', '人员', '村', '考核细则', '组督查'])('reports the required sheet %s at A1', (sheet) => {
    // Prepare
    const book = cleanTown();
    delete book[sheet];

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'missing_sheet');
    expect(issue).toMatchObject({ sheet, cell: 'A1', severity: 'error', code: 'missing_sheet' });
    expect(issue!.message).toContain(`「${sheet}」`);
  });

  it('reports only the missing sheet when the rest of the town is valid', () => {
    // Prepare
    const book = cleanTown();
    delete book['考核细则'];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考核细则', cell: 'A1', severity: 'error', code: 'missing_sheet', quotes: ['考核细则'] }]);
  });

  // Without 月度计划 no plan_missing is warned: the engine's reading of "absent sheets contribute nothing".
  it.each(['对村考核', '考勤', '请假', '月度计划', '问责', '村级财务', '民调'])('accepts a workbook without the optional sheet %s', (sheet) => {
    // Prepare
    const book = cleanTown();
    delete book[sheet];

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
  });
});

describe('missing column', () => {
  it('reports a missing 原因 on the header row of 对村考核', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-01', -2, '未按时上报', '计生组', '', '']);
    removeColumn(book, '对村考核', '原因');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    // Engine's choice for "the header row's cell": the first free cell right of the header.
    expectIssues(result, [{ sheet: '对村考核', cell: 'H1', severity: 'error', code: 'missing_column', quotes: ['原因'] }]);
  });

  it('reports a missing 督查得分 on the header row of 组督查', () => {
    // Prepare
    const book = cleanTown();
    removeColumn(book, '组督查', '督查得分');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    expect(result.issues.filter((i) => i.code === 'missing_column')).toMatchObject([
      { sheet: '组督查', cell: 'D1', severity: 'error', code: 'missing_column' },
    ]);
    expect(result.issues.find((i) => i.code === 'missing_column')!.message).toContain('督查得分');
  });

  it('reports the missing column on the header row below a banner', () => {
    // Prepare
    const book = cleanTown();
    removeColumn(book, '组别', '年度工作经费');
    book['组别']!.unshift(['花桥街镇工作组一览'], []);

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'missing_column');
    // 组别 keeps 7 header cells (A3:G3) once 年度工作经费 is gone.
    expect(issue).toMatchObject({ sheet: '组别', cell: 'H3', severity: 'error', code: 'missing_column' });
    expect(issue!.message).toContain('年度工作经费');
  });

  it('reports every missing required column of one sheet, each at its own cell', () => {
    // Prepare
    const book = cleanTown();
    book['民调'] = [['村', '调查户数', '备注']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [
      { sheet: '民调', cell: 'D1', severity: 'error', code: 'missing_column', quotes: ['知晓户数'] },
      { sheet: '民调', cell: 'E1', severity: 'error', code: 'missing_column', quotes: ['登记电话数'] },
      { sheet: '民调', cell: 'F1', severity: 'error', code: 'missing_column', quotes: ['准确电话数'] },
    ]);
  });

  it('requires 考核组 on a 对村考核 sheet whose name carries no group', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核'] = [headerOf('对村考核').filter((h) => h !== '考核组'), [d('2015-04-02'), '花桥街村', 'JS-01', -2, '未按时上报', '', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'H1', severity: 'error', code: 'missing_column', quotes: ['考核组'] }]);
  });

  it('does not require 考核组 on a 对村考核-<组名> sheet', () => {
    // Prepare
    const book = cleanTown();
    delete book['对村考核'];
    book['对村考核-计生组'] = [headerOf('对村考核').filter((h) => h !== '考核组'), [d('2015-04-02'), '花桥街村', 'JS-01', -2, '未按时上报', '', '']];

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
    expect(result.villages[0]!.monthDeduction).toBe(2);
  });
});

describe('empty table', () => {
  it.each(['组别', '人员', '村', '考核细则'])('reports %s with headers but no data row at its header row', (sheet) => {
    // Prepare
    const book = cleanTown();
    book[sheet] = [headerOf(sheet)];

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'empty_table');
    expect(issue).toMatchObject({ sheet, cell: 'A1', severity: 'error' });
    expect(issue!.message).toContain(`「${sheet}」`);
  });

  it('reports the header row below a banner', () => {
    // Prepare
    const book = cleanTown();
    book['村'] = [['各村名单'], [], headerOf('村')];

    // Act
    const result = run(book);

    // Assess
    expect(result.issues.filter((i) => i.code === 'empty_table')).toMatchObject([{ sheet: '村', cell: 'A3' }]);
  });
});
