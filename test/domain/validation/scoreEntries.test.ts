import { describe, expect, it } from 'vitest';
import { cleanTown, expectBlocked, expectIssues, run } from './helpers.js';
import { d } from '../fixtures.js';

describe('empty 原因 on a score entry', () => {
  it.each(['', '   ', '\u3000'])('reports the 原因 %j at its cell', (reason) => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push(
      [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', ''],
      [d('2015-04-03'), '新塘村', 'JS-02', 1, reason, '计生组', '', ''],
    );

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'E3', severity: 'error', code: 'missing_value', quotes: ['原因'] }]);
    expectBlocked(result);
  });
});

describe('a score of 0', () => {
  it.each([0, '0', '扣0分', '+0'])('warns zero_score for %j and still computes', (points) => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', points, '已检查，无问题', '计生组', '', '']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'D2', severity: 'warning', code: 'zero_score', quotes: ['0'] }]);
    expect(result.status).toBe('ok');
    expect(result.villages[0]).toMatchObject({ monthBonus: 0, monthDeduction: 0, monthScore: 100 });
  });
});

describe('duplicate_entry', () => {
  it('warns at the second of two identical score rows and counts both', () => {
    // Prepare
    const book = cleanTown();
    const row = [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', '张三'];
    book['对村考核']!.push(row, [...row]);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'D3', severity: 'warning', code: 'duplicate_entry', quotes: ['D2'] }]);
    expect(result.status).toBe('ok');
    expect(result.villages[0]!.monthDeduction).toBe(4);
  });

  it('does not warn when the rows differ in 原因', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push(
      [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', ''],
      [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口台账缺失', '计生组', '', ''],
    );

    // Act
    const result = run(book);

    // Assess
    expect(result.issues).toEqual([]);
  });

  it('warns across the per-group sheets and a written-as-text copy of the same entry', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'ZF-01', -2, '信访积案未化解', '政法组', '', '']);
    book['对村考核-政法组'] = [
      ['日期', '村', '细则编号', '加减分', '原因'],
      ['2015年4月2日', '花桥街村', 'ZF-01', '扣2分', '信访积案未化解'],
    ];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核-政法组', cell: 'D2', severity: 'warning', code: 'duplicate_entry', quotes: ['对村考核', 'D2'] }]);
  });
});
