import { describe, expect, it } from 'vitest';
import { compute } from '../../../functions/src/domain/index.js';
import {
  chunkedGrids,
  expectIssues,
  mapSheets,
  permuteColumns,
  renameHeaders,
  richTown,
  run,
  setCell,
  withBanner,
  withoutAddresses,
} from './helpers.js';
import { d, type Book, type Rows } from '../fixtures.js';

const reversed = (rows: Rows) => [...Array(Math.max(...rows.map((r) => r.length))).keys()].reverse();

describe('banner rows above the header', () => {
  it('ignores a merged title, a subtitle and a blank row above every header', () => {
    // Prepare
    const book = richTown();
    const bannered = mapSheets(book, (rows, sheet) =>
      withBanner(rows, [[`花桥街镇2015年${sheet}`, '', '', ''], ['制表单位：党政办', '', '制表日期：2015年4月30日'], []]),
    );

    // Act
    const result = run(bannered);

    // Assess
    expect(result.status).toBe('ok');
    expect(withoutAddresses(result)).toEqual(withoutAddresses(run(book)));
  });

  it('addresses issues by their row below the banner', () => {
    // Prepare
    const book = richTown();
    setCell(book, '对村考核', 'D2', '很好');
    book['对村考核'] = withBanner(book['对村考核']!, [['2015年对村考核记录'], []]);

    // Act
    const result = run(book);

    // Assess
    expect(result.issues.filter((i) => i.severity === 'error')).toMatchObject([
      { sheet: '对村考核', cell: 'D4', severity: 'error', code: 'not_a_number' },
    ]);
  });

  it('finds a header on row 10 and no header below it', () => {
    // Prepare
    const banner = Array.from({ length: 9 }, (_, i) => [`说明第${i + 1}行`]);
    const atTen = richTown();
    atTen['组督查'] = withBanner(atTen['组督查']!, banner);
    const atEleven = richTown();
    atEleven['组督查'] = withBanner(atEleven['组督查']!, [...banner, ['说明第10行']]);

    // Act
    const found = run(atTen);
    const lost = run(atEleven);

    // Assess
    expect(found.status).toBe('ok');
    expect(lost.status).toBe('invalid');
    expect(lost.issues.filter((i) => i.code === 'missing_column').map((i) => [i.sheet, i.severity])).toEqual([
      ['组督查', 'error'],
      ['组督查', 'error'],
      ['组督查', 'error'],
    ]);
  });
});

describe('column order and unknown columns', () => {
  it('reads every sheet with its columns reversed', () => {
    // Prepare
    const book = richTown();
    const shuffled = mapSheets(book, (rows) => permuteColumns(rows, reversed(rows)));

    // Act
    const result = run(shuffled);

    // Assess
    expect(withoutAddresses(result)).toEqual(withoutAddresses(run(book)));
  });

  it('ignores unknown columns before, between and after the known ones', () => {
    // Prepare
    const book = richTown();
    const widened = mapSheets(book, (rows) =>
      rows.map((r, i) => (i === 0 ? ['序号', r[0]!, '备注', ...r.slice(1), '审核意见'] : [i, r[0] ?? '', '见附件', ...r.slice(1), '同意'])),
    );

    // Act
    const result = run(widened);

    // Assess
    expect(withoutAddresses(result)).toEqual(withoutAddresses(run(book)));
  });
});

describe('header synonyms, units and widths', () => {
  it('accepts 村支书, 村主任 and 计生专干 for the village roles', () => {
    // Prepare
    const book = richTown();
    book['村'] = renameHeaders(book['村']!, { 支书: '村支书', 主任: '村主任', 专干: '计生专干' });

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
    expect(result.villages[2]!.roles.map((r) => r.name)).toEqual(['毛支书', '毛主任', '毛秘书', '毛专干']);
  });

  it('accepts headers carrying a unit such as （元） or (分)', () => {
    // Prepare
    const book = richTown();
    book['组别'] = renameHeaders(book['组别']!, { 年度工作经费: '年度工作经费（元）' });
    book['对村考核'] = renameHeaders(book['对村考核']!, { 加减分: '加减分(分)' });
    book['组督查'] = renameHeaders(book['组督查']!, { 督查得分: '督查得分（分）' });
    book['考勤'] = renameHeaders(book['考勤']!, { 天数: '天数(天)' });
    book['村级财务'] = renameHeaders(book['村级财务']!, { 金额: '金额（元）' });
    book['问责'] = renameHeaders(book['问责']!, { 扣分: '扣分（分）' });

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
  });

  it('ignores spaces and full-width forms in headers', () => {
    // Prepare
    const book = richTown();
    book['对村考核'] = renameHeaders(book['对村考核']!, { 日期: '日\u3000期', 村: ' 村 ', 细则编号: '细则\u00a0编号', 加减分: '加减分（分）', 原因: '原因\n' });
    book['参数'] = renameHeaders(book['参数']!, { 参数: '参　数', 值: '值 ' });

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
  });
});

describe('blank rows and total rows', () => {
  it('skips blank rows between the header and the data and between data rows', () => {
    // Prepare
    const book = richTown();
    const gappy = mapSheets(book, (rows) => rows.flatMap((r, i) => (i === 0 ? [r, [], ['', '', '']] : [r, ['\u3000', ' ', '']])));

    // Act
    const result = run(gappy);

    // Assess
    expect(withoutAddresses(result)).toEqual(withoutAddresses(run(book)));
  });

  it.each([[['合计']], [['小计']], [['总计']], [['', '合\u3000计']], [[' 合计 ']]])('ends the table at a row starting with %j', (start) => {
    // Prepare
    const book = richTown();
    book['对村考核']!.push([...start, '', '', -99, ''], [d('2015-04-20'), '花桥村', 'Z-99', '很好', '']);

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
  });

  it('keeps reading a row that mentions 合计 after its first cell', () => {
    // Prepare
    const book = richTown();
    book['对村考核']!.push([d('2015-04-20'), '花桥街村', 'JS-02', -1, '合计', '计生组', '', '']);

    // Act
    const result = run(book);

    // Assess
    expect(result.villages[0]!.monthDeduction).toBe(3);
  });
});

describe('one score sheet per group', () => {
  it('gives the same result with 对村考核-<组名> sheets as with one 对村考核 sheet with 考核组', () => {
    // Prepare
    const book = richTown();
    const [header, ...rows] = book['对村考核']!;
    const perGroup: Book = { ...book };
    delete perGroup['对村考核'];
    const groupCol = header!.indexOf('考核组');
    const without = (r: Rows[number]) => r.filter((_, c) => c !== groupCol);
    perGroup['对村考核-计生组'] = [without(header!), ...rows.filter((r) => r[groupCol] === '计生组').map(without)];
    perGroup['对村考核－政法组'] = [without(header!), ...rows.filter((r) => r[groupCol] === '政法组').map(without)];

    // Act
    const result = run(perGroup);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.villages).toEqual(run(book).villages);
  });

  it('adds the rows of a 对村考核 sheet and of 对村考核-<组名> sheets together', () => {
    // Prepare
    const book = richTown();
    book['对村考核-政法组'] = [['日期', '村', '细则编号', '加减分', '原因'], [d('2015-04-21'), '花桥街村', 'ZF-01', -2.25, '信访积案']];

    // Act
    const result = run(book);

    // Assess
    expect(result.villages[0]).toMatchObject({ monthDeduction: 4.25, byGroup: expect.objectContaining({ 政法组: { bonus: 0, deduction: 2.25 } }) });
  });
});

describe('sheets recognised by their header row', () => {
  it('reads 村, 组督查 and the score sheet under other names', () => {
    // Prepare
    const book = richTown();
    const { 村: villages, 组督查: inspections, 对村考核: scores, ...rest } = book;
    const renamed: Book = { ...rest, Sheet3: villages!, 督查情况: inspections!, 打分记录: scores! };

    // Act
    const result = run(renamed);

    // Assess
    expect(result.status).toBe('ok');
    expect({ villages: result.villages, groups: result.groups }).toEqual({ villages: run(book).villages, groups: run(book).groups });
  });

  it('ignores a summary sheet with a 村名 column when a 村 sheet exists', () => {
    // Prepare
    const book = richTown();
    book['各村汇总'] = [['村名', '得分'], ['望城坡村', 95]];

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
  });

  it('ignores the result sheets of an earlier run', () => {
    // Prepare
    const book = richTown();
    book['考核结果-村'] = [['村名', '月度得分'], ['花桥村', '很好']];
    book['校验问题'] = [['工作表', '单元格', '级别', '代码', '说明'], ['对村考核', 'D2', '错误', 'not_a_number', '…']];

    // Act
    const result = run(book);

    // Assess
    expect(result).toEqual(run(richTown()));
  });
});

describe('chunked grids', () => {
  it.each([1, 2, 3, 5])('gives the same result when each sheet arrives as two grids split after row %i', (at) => {
    // Prepare
    const book = richTown();

    // Act
    const result = compute(chunkedGrids(book, () => at));

    // Assess
    expect(result).toEqual(run(book));
  });

  it('gives the same result with the chunks in reverse order and a sheet split by columns', () => {
    // Prepare
    const book = richTown();
    const grids = chunkedGrids(book, (rows) => Math.ceil(rows.length / 2)).reverse();
    const scores = book['对村考核']!;
    const byColumns = [
      { name: '对村考核', origin: 'E1', values: scores.map((r) => r.slice(4)) },
      { name: '对村考核', origin: 'A1', values: scores.map((r) => r.slice(0, 4)) },
    ];

    // Act
    const reversedChunks = compute(grids);
    const columnChunks = compute([...grids.filter((g) => g.name !== '对村考核'), ...byColumns]);

    // Assess
    const expected = run(book);
    expect(withoutAddresses(reversedChunks)).toEqual(withoutAddresses(expected));
    expect(reversedChunks.issues).toEqual(expect.arrayContaining(expected.issues));
    expect(withoutAddresses(columnChunks)).toEqual(withoutAddresses(expected));
  });

  it('addresses an issue of the second chunk by its sheet row', () => {
    // Prepare
    const book = richTown();
    setCell(book, '对村考核', 'D9', '很好');

    // Act
    const result = compute(chunkedGrids(book, () => 5));

    // Assess
    expectIssues(
      result,
      run(book).issues.map(({ sheet, cell, severity, code }) => ({ sheet, cell, severity, code })),
    );
    expect(result.issues.find((i) => i.severity === 'error')).toMatchObject({ sheet: '对村考核', cell: 'D9', code: 'not_a_number' });
  });
});
