import { describe, expect, it } from 'vitest';
import { cleanTown, expectBlocked, expectIssues, run, setCell } from './helpers.js';
import { d } from '../fixtures.js';

/** The clean town with one April score entry on 对村考核 row 2. */
function townWithEntry() {
  const book = cleanTown();
  book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', '']);
  return book;
}

describe('text in a number cell', () => {
  it.each([
    ['对村考核', 'D2', '很好', '加减分'],
    ['对村考核', 'D2', '2分半', '加减分'],
    ['对村考核', 'D2', '5%', '加减分'],
    ['组别', 'C2', '十二万', '年度工作经费'],
    ['组督查', 'C9', '良好', '督查得分'],
  ])('reports %s!%s holding 「%s」 as not_a_number', (sheet, cell, value, header) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, sheet, cell, value);

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'not_a_number');
    expect(issue).toMatchObject({ sheet, cell, severity: 'error', code: 'not_a_number' });
    expect(issue!.message).toContain(`「${value}」`);
    expect(issue!.message).toContain(header);
  });

  it('reports text in 加减分 as the only issue', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'D2', '很好');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'D2', severity: 'error', code: 'not_a_number', quotes: ['「很好」', '加减分'] }]);
  });
});

describe('empty number or date cell', () => {
  it.each([
    ['对村考核', 'D2', '加减分'],
    ['对村考核', 'A2', '日期'],
    ['组督查', 'C9', '督查得分'],
    ['组别', 'C3', '年度工作经费'],
  ])('reports the empty required cell %s!%s as missing_value', (sheet, cell, header) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, sheet, cell, '');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'missing_value');
    expect(issue).toMatchObject({ sheet, cell, severity: 'error', code: 'missing_value' });
    expect(issue!.message).toContain(header);
  });

  it('treats a cell of full-width spaces as empty', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'D2', '\u3000\u3000');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'D2', severity: 'error', code: 'missing_value', quotes: ['加减分'] }]);
  });
});

describe('Excel error value in a number or date cell', () => {
  it.each([
    ['对村考核', 'D2', '#REF!'],
    ['对村考核', 'D2', '#N/A'],
    ['对村考核', 'A2', '#VALUE!'],
    ['对村考核', 'A2', '#N/A'],
    ['组督查', 'C9', '#DIV/0!'],
    ['组别', 'C2', '#NAME?'],
  ])('reports %s!%s holding %s as excel_error', (sheet, cell, value) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, sheet, cell, value);

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'excel_error');
    expect(issue).toMatchObject({ sheet, cell, severity: 'error', code: 'excel_error' });
    expect(issue!.message).toContain(value);
  });

  it('reports #REF! in 原因 (a text cell) as excel_error', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'E2', '#REF!');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'E2', severity: 'error', code: 'excel_error', quotes: ['#REF!'] }]);
  });
});

describe('text in a date or month cell', () => {
  it.each([
    ['对村考核', 'A2', '昨天', 'invalid_date'],
    ['对村考核', 'A2', '2015-02-30', 'invalid_date'],
    ['对村考核', 'A2', '2015/13/01', 'invalid_date'],
    ['组督查', 'A9', '四月', 'invalid_month'],
    ['组督查', 'A9', '2015-13', 'invalid_month'],
  ])('reports %s!%s holding 「%s」 as %s', (sheet, cell, value, code) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, sheet, cell, value);

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === code);
    expect(issue).toMatchObject({ sheet, cell, severity: 'error', code });
    expect(issue!.message).toContain(`「${value}」`);
  });
});

describe('date outside the 年度', () => {
  it.each([
    [d('2014-12-31'), '2014-12-31'],
    [d('2016-01-01'), '2016-01-01'],
    ['2016年4月2日', '2016-04-02'],
  ])('reports the score date %s as date_out_of_year', (value, iso) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'A2', value);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'A2', severity: 'error', code: 'date_out_of_year', quotes: [iso, '2015'] }]);
    expectBlocked(result);
  });

  it('reports a 组督查 month of another year as date_out_of_year', () => {
    // Prepare
    const book = townWithEntry();
    book['组督查']!.push(['2016-04', '计生组', 90, '']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '组督查', cell: 'A10', severity: 'error', code: 'date_out_of_year', quotes: ['2016-04', '2015'] }]);
  });

  it('reports a leave ending in the next year at its 结束日期', () => {
    // Prepare
    const book = townWithEntry();
    book['请假'] = [
      ['姓名', '开始日期', '结束日期', '天数', '事由', '组长审批', '领导审批'],
      ['张三', d('2015-12-30'), d('2016-01-02'), 4, '探亲', '王组长', '刘书记'],
    ];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '请假', cell: 'C2', severity: 'error', code: 'date_out_of_year', quotes: ['2016-01-02'] }]);
  });

  it('accepts the first and the last day of the 年度', () => {
    // Prepare
    const book = townWithEntry();
    book['对村考核']!.push(
      [d('2015-01-01'), '新塘村', 'JS-02', -1, '元旦值班缺岗', '计生组', '', ''],
      [d('2015-12-31'), '新塘村', 'JS-02', -1, '年终检查', '计生组', '', ''],
    );

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
  });
});
