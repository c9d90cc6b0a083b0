import { describe, expect, it } from 'vitest';
import { cleanTown, headerOf, run, setCell } from './helpers.js';
import { d } from '../fixtures.js';

/** The clean town with one April entry on 花桥街村 for JS-02 (no cap, no split) with the given 加减分. */
function entryOf(points: string | number) {
  const book = cleanTown();
  book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', points, '流动人口管理', '计生组', '', '']);
  return run(book);
}

describe('numbers in score cells', () => {
  it.each(['扣2分', '扣2', '减2', '-2', '\u22122', '－２', ' 扣 2 分 ', '-2.00'])('reads 「%s」 as a deduction of 2', (points) => {
    // Prepare
    const value = points;

    // Act
    const result = entryOf(value);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.villages[0]).toMatchObject({ monthBonus: 0, monthDeduction: 2, monthScore: 98 });
  });

  it.each(['加1.5分', '加1.5', '+1.5', '＋1.5', '＋１．５', '1.5分', 1.5])('reads %j as a bonus of 1.5', (points) => {
    // Prepare
    const value = points;

    // Act
    const result = entryOf(value);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.villages[0]).toMatchObject({ monthBonus: 1.5, monthDeduction: 0, monthScore: 101.5 });
  });
});

describe('amounts of money', () => {
  it.each([
    ['1万元', 833.34],
    ['1万', 833.34],
    ['10,000', 833.34],
    ['１００００元', 833.34],
    ['1.2万', 1000],
    [120000.05, 10000.01],
  ])('reads the 年度工作经费 %j into the April fund base %d', (budget, base) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组别', 'C2', budget);

    // Act
    const result = run(book);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.groups[0]!.fundBase).toBe(base);
  });
});

describe('dates and months', () => {
  it.each([d('2015-04-02'), d('2015-04-02') + 0.75, '2015-04-02', '2015/4/2', '2015.4.2', '2015年4月2日', '4月2日', '4月2号', '２０１５年４月２日'])(
    'reads the score date %j as 2015-04-02',
    (date) => {
      // Prepare
      const book = cleanTown();
      book['对村考核']!.push([date, '花桥街村', 'JS-02', -2, '流动人口管理', '计生组', '', '']);

      // Act
      const result = run(book);

      // Assess
      expect(result.issues).toEqual([]);
      expect(result.villages[0]).toMatchObject({ monthDeduction: 2, ytdDeduction: 2 });
    },
  );

  it('counts a 3月31日 entry in the year to date only', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push(['3月31日', '花桥街村', 'JS-02', -2, '流动人口管理', '计生组', '', '']);

    // Act
    const result = run(book);

    // Assess
    expect(result.villages[0]).toMatchObject({ monthDeduction: 0, ytdDeduction: 2, monthScore: 100, ytdScore: 98 });
  });

  it.each(['2015-04', '2015年4月', '4月', '4月份', '2015/4', d('2015-04-15'), '2015-04-15'])('reads the 组督查 month %j as 2015-04', (month) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组督查', 'A9', month);

    // Act
    const result = run(book);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.groups[1]!.inspectionScore).toBe(80);
  });

  it.each(['2015年04月', '2015-4'])('reads the 参数 考核月份 %j', (month) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '参数', 'B4', month);

    // Act
    const result = run(book);

    // Assess
    expect(result.month).toBe('2015-04');
    expect(result.status).toBe('ok');
  });
});

describe('yes/no cells', () => {
  it.each([
    ['√', 0],
    ['是', 0],
    ['Y', 0],
    ['已', 0],
    ['已上交', 0],
    ['×', 1],
    ['否', 1],
    ['N', 1],
    ['未', 1],
    ['', 1],
  ])('reads 上交代管中心 %j on an income row as %i violations', (deposited, violations) => {
    // Prepare
    const book = cleanTown();
    book['村级财务'] = [headerOf('村级财务'), [d('2015-04-03'), '新塘村', '收入', 1200, deposited, '', '']];

    // Act
    const result = run(book);

    // Assess
    expect(result.finance[1]).toEqual({ village: '新塘村', violations, undepositedIncome: violations * 1200 });
    expect(result.issues.map((i) => i.code)).toEqual(violations ? ['finance_violation'] : []);
  });

  it('reports a yes/no cell it cannot read', () => {
    // Prepare
    const book = cleanTown();
    book['村级财务'] = [headerOf('村级财务'), [d('2015-04-06'), '毛家村', '资源处置', 5000, '', '', '也许']];

    // Act
    const result = run(book);

    // Assess
    expect(result.issues.map((i) => [i.sheet, i.cell, i.severity, i.code])).toEqual([['村级财务', 'G2', 'error', 'invalid_value']]);
    expect(result.issues[0]!.message).toContain('「也许」');
  });
});

describe('names', () => {
  it('matches villages and people written with full-width and outer spaces', () => {
    // Prepare
    const book = cleanTown();
    book['对村考核']!.push(
      [d('2015-04-02'), '花桥\u3000街村', 'JS-02', -2, '流动人口管理', '计生组', '', ''],
      [d('2015-04-03'), ' 新塘村\u3000', 'JS-02', -1, '流动人口管理', ' 计生组 ', '', ''],
    );
    setCell(book, '人员', 'A6', '李\u3000四');
    book['考勤'] = [headerOf('考勤'), [d('2015-04-07'), ' 李四 ', '定时查岗', '缺签', '', '']];

    // Act
    const result = run(book);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.villages.map((v) => v.monthDeduction)).toEqual([2, 1, 0]);
    expect(result.staff.find((s) => s.name === '李四')).toMatchObject({ group: '计生组', missedSignIns: 1 });
  });

  it('matches a 村 written with full-width spaces on the 村 sheet', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '村', 'A4', '毛\u3000家\u3000村');
    book['对村考核']!.push([d('2015-04-02'), '毛家村', 'ZF-01', -3, '信访积案', '政法组', '', '']);

    // Act
    const result = run(book);

    // Assess
    expect(result.issues).toEqual([]);
    expect(result.villages[2]).toMatchObject({ village: '毛家村', monthDeduction: 3 });
  });
});
