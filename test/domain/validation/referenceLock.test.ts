import { describe, expect, it } from 'vitest';
import { collectMonthRows } from '../../../functions/src/domain/index.js';
import { cleanTown, expectBlocked, expectIssues, run, setCell } from './helpers.js';
import { toGrids } from '../fixtures.js';

/** The clean town's April rows as stored at its 定稿. */
const finalisedApril = (book = cleanTown()) => collectMonthRows(toGrids(book), { month: '2015-04' }).rows;

describe('the 定稿 lock over 参数, 组别, 人员 and 考核细则', () => {
  it('refuses a 村基础分 typed after 定稿, naming the 参数 cell with the default it replaced', () => {
    // Prepare
    const finalizedRows = finalisedApril();
    const book = cleanTown();
    book['参数']!.push(['村基础分', 50]);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expectIssues(result, [{ sheet: '参数', cell: 'B5', severity: 'error', code: 'finalized_month_changed', quotes: ['2015年4月已定稿', '「村基础分」', '100（默认值）', '「50」'] }]);
    expectBlocked(result);
  });

  it('refuses an edited 参数 value and a deleted 参数 row that differs from the default', () => {
    // Prepare
    const before = cleanTown();
    before['参数']!.push(['村基础分', 100], ['缺签扣款', 80]);
    const finalizedRows = finalisedApril(before);
    const edited = cleanTown();
    edited['参数']!.push(['村基础分', 50]);

    // Act
    const result = run(edited, { finalizedRows });

    // Assess
    expectIssues(result, [
      { sheet: '参数', cell: 'B5', severity: 'error', code: 'finalized_month_changed', quotes: ['「100」', '「50」'] },
      { sheet: '参数', cell: 'B6', severity: 'error', code: 'finalized_month_changed', quotes: ['「缺签扣款」', '「80」', '100（默认值）'] },
    ]);
  });

  it('refuses edits of 组长, 年度工作经费, 所在组, 职务, 分值 and 责任分解 at their cells', () => {
    // Prepare
    const finalizedRows = finalisedApril();
    const book = cleanTown();
    setCell(book, '组别', 'C2', 150000);
    setCell(book, '人员', 'B5', '政法组');
    setCell(book, '考核细则', 'E3', 6);
    setCell(book, '考核细则', 'G2', '支书40%、主任10%、秘书20%、专干30%');

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expectIssues(result, [
      { sheet: '组别', cell: 'C2', severity: 'error', code: 'finalized_month_changed', quotes: ['「计生组」的年度工作经费', '「120000」', '「150000」'] },
      { sheet: '人员', cell: 'B5', severity: 'error', code: 'finalized_month_changed', quotes: ['「张三」的所在组', '「计生组」', '「政法组」'] },
      { sheet: '考核细则', cell: 'E3', severity: 'error', code: 'finalized_month_changed', quotes: ['「JS-02」的分值', '「5」', '「6」'] },
      { sheet: '考核细则', cell: 'G2', severity: 'error', code: 'finalized_month_changed', quotes: ['「JS-01」的责任分解'] },
    ]);
  });

  it('accepts new rows, retyped values, moved columns and edits of unlocked columns', () => {
    // Prepare
    const finalizedRows = finalisedApril();
    const book = cleanTown();
    book['人员']!.push(['孙六', '政法组', '组员', '']);
    book['考核细则']!.push(['ZF-04', '综治维稳', '禁毒', '政法组', 3, '', '']);
    book['参数']!.push(['村基础分', '100.00']);
    setCell(book, '组别', 'E2', 8);
    setCell(book, '考核细则', 'C2', '出生政策符合率');
    book['组别'] = book['组别']!.map((row) => [row[2]!, row[1]!, row[0]!, ...row.slice(3)]);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.status).toBe('ok');
  });

  it('lists a 参数 change once, naming every finalised month that used it', () => {
    // Prepare
    const march = collectMonthRows(toGrids(cleanTown()), { month: '2015-03' }).rows;
    const finalizedRows = [...march, ...finalisedApril()];
    const book = cleanTown();
    book['参数']!.push(['财务违规扣分', 2]);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expectIssues(result, [{ sheet: '参数', cell: 'B5', severity: 'error', code: 'finalized_month_changed', quotes: ['2015年3月、4月已定稿'] }]);
  });

  it('refuses a removed person of the 定稿, naming the row where it was', () => {
    // Prepare
    const finalizedRows = finalisedApril();
    const book = cleanTown();
    book['人员']!.splice(7, 1);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expect(result.issues.filter((i) => i.sheet === '人员')).toEqual([
      { sheet: '人员', cell: 'A8', severity: 'error', code: 'finalized_month_changed', message: '2015年4月已定稿，「人员」中定稿时使用的「钱五」已被删除或改名（钱五 / 政法组 / 组员）。定稿后的数据不能更改。' },
    ]);
  });
});
