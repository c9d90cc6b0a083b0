import { describe, expect, it } from 'vitest';
import { formatIssues, formatReport, formatSummary } from '../../functions/src/cli/report.js';
import { invalidResult, okResult } from '../workbook/resultFixture.js';

describe('formatIssues', () => {
  it('prints the issues as an aligned table of sheet, cell, severity and message', () => {
    // Prepare
    const result = okResult();

    // Act
    const lines = formatIssues([...invalidResult().issues, ...result.issues]);

    // Assess
    expect(lines).toEqual([
      '工作表    单元格  级别  说明',
      `--------  ------  ----  ${'-'.repeat(46)}`,
      '对村考核  B5      错误  村名「花桥村」不存在，是否为「花桥街村」？',
      '请假      G3      警告  组长审批「李四」不是申请人所在组的组长「王五」',
    ]);
  });

  it('prints nothing when there are no issues', () => {
    // Prepare
    const issues: never[] = [];

    // Act
    const lines = formatIssues(issues);

    // Assess
    expect(lines).toEqual([]);
  });
});

describe('formatSummary', () => {
  it('summarises an ok run: counts, first and last village, the group table and the files', () => {
    // Prepare
    const result = okResult();

    // Act
    const lines = formatSummary(result, { workbook: '/tmp/考核-结果.xlsx', json: '/tmp/r.json' });

    // Assess
    expect(lines).toEqual([
      '花桥街镇2015年4月目标管理考核',
      '校验：错误 0 条，警告 1 条',
      '村：第一名 花桥街村 101.50 分；末位 新田村 96.00 分',
      '',
      '组名    组长  月度得分  组长扣款  应发经费',
      '------  ----  --------  --------  --------',
      '计生组  王五     95.00   ¥500.00     ¥0.10',
      '城建组  周六     90.00     ¥0.00     ¥0.19',
      '政法组  吴七         —     ¥0.00     ¥0.40',
      '',
      '结果工作簿：/tmp/考核-结果.xlsx',
      '结果 JSON：/tmp/r.json',
    ]);
  });

  it('names tied villages together', () => {
    // Prepare
    const result = okResult();
    const [first, second] = result.villages;
    result.villages = [first!, { ...second!, village: '新田村', monthRank: 1, monthScore: 101.5 }];

    // Act
    const lines = formatSummary(result, { workbook: 'r.xlsx' });

    // Assess
    expect(lines[2]).toBe('村：第一名 花桥街村、新田村 101.50 分；末位 花桥街村、新田村 101.50 分');
  });

  it('says an invalid run computed nothing', () => {
    // Prepare
    const result = invalidResult();

    // Act
    const lines = formatSummary(result, { workbook: 'r.xlsx' });

    // Assess
    expect(lines).toEqual([
      '目标管理考核',
      '校验：错误 1 条，警告 0 条',
      '存在错误，未计算考核结果；请按「校验问题」修改后重新运行。',
      '结果工作簿：r.xlsx',
    ]);
  });
});

describe('formatReport', () => {
  it('prints the issue table, a blank line, then the summary', () => {
    // Prepare
    const result = invalidResult();

    // Act
    const lines = formatReport(result, { workbook: 'r.xlsx' });

    // Assess
    expect(lines).toEqual([...formatIssues(result.issues), '', ...formatSummary(result, { workbook: 'r.xlsx' })]);
  });

  it('starts with the summary when there are no issues', () => {
    // Prepare
    const result = { ...okResult(), issues: [] };

    // Act
    const lines = formatReport(result, { workbook: 'r.xlsx' });

    // Assess
    expect(lines[0]).toBe('花桥街镇2015年4月目标管理考核');
  });
});
