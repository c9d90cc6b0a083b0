import { describe, expect, it } from 'vitest';
import { collectMonthRows } from '../../../functions/src/domain/index.js';
import { cleanTown, expectBlocked, expectIssues, headerOf, run, setCell } from './helpers.js';
import { d, toGrids } from '../fixtures.js';

describe('duplicate 细则编号', () => {
  it('reports the second use of JS-01 in 考核细则', () => {
    // Prepare
    const book = cleanTown();
    book['考核细则']!.push(['JS-01', '计划生育', '政策外生育', '计生组', 5, '', '']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考核细则', cell: 'A7', severity: 'error', code: 'duplicate_rule_code', quotes: ['「JS-01」', 'A2'] }]);
    expectBlocked(result);
  });

  it('treats codes differing only in spaces as the same code', () => {
    // Prepare
    const book = cleanTown();
    book['考核细则']!.push([' ZF-02\u3000', '综治维稳', '民调电话核实', '政法组', 5, '', '']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考核细则', cell: 'A7', severity: 'error', code: 'duplicate_rule_code', quotes: ['ZF-02'] }]);
  });
});

describe('duplicate names in 人员', () => {
  it('reports a second 张三 without 工号', () => {
    // Prepare
    const book = cleanTown();
    book['人员']!.push(['张三', '政法组', '组员', '']);
    book['月度计划']!.push(['2015-04', '钱五', '信访接待', '', '已完成']);

    // Act
    const result = run(book);

    // Assess
    const duplicates = result.issues.filter((i) => i.code === 'duplicate_person');
    expect(duplicates).toMatchObject([{ sheet: '人员', cell: 'A9', severity: 'error', code: 'duplicate_person' }]);
    expect(duplicates[0]!.message).toContain('「张三」');
    expectBlocked(result);
  });

  it('reports two 张三 sharing one 工号', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '人员', 'D5', 'G001');
    book['人员']!.push(['张三', '政法组', '组员', 'G001']);
    setCell(book, '月度计划', 'B3', 'G001');

    // Act
    const result = run(book);

    // Assess
    expect(result.issues.filter((i) => i.code === 'duplicate_person')).toMatchObject([{ sheet: '人员', cell: 'A9', severity: 'error' }]);
  });

  it('accepts two 张三 with distinct 工号', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '人员', 'D5', 'G001');
    book['人员']!.push(['张三', '政法组', '组员', 'G002']);
    setCell(book, '月度计划', 'B3', '张三（G001）');
    book['月度计划']!.push(['2015-04', 'G002', '信访接待', '', '进行中']);

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
    expect(result.staff.filter((s) => s.name === '张三').map((s) => [s.group, s.planCompletion])).toEqual([
      ['计生组', 1],
      ['政法组', 0],
    ]);
  });
});

describe('督查得分 outside 0–100', () => {
  it.each([
    [120, '120'],
    [-5, '-5'],
    [100.01, '100.01'],
    ['扣3分', '-3'],
  ])('reports %j at its cell', (score, quoted) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组督查', 'C7', score);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '组督查', cell: 'C7', severity: 'error', code: 'out_of_range', quotes: [quoted, '100'] }]);
    expectBlocked(result);
  });

  it.each([0, 100, 99.99])('accepts the score %j', (score) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组督查', 'C9', score);

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.groups[1]!.inspectionScore).toBe(score);
  });
});

describe('missing 组督查 row in the assessed month', () => {
  it('reports the group without an April row', () => {
    // Prepare
    const book = cleanTown();
    book['组督查']!.splice(8, 1);

    // Act
    const result = run(book);

    // Assess
    // Engine's choice of cell: the 组名 cell of the first row below the table.
    expectIssues(result, [{ sheet: '组督查', cell: 'B9', severity: 'error', code: 'inspection_missing', quotes: ['政法组', '2015-04'] }]);
    expectBlocked(result);
  });

  it('reports every group when the assessed month is set to May', () => {
    // Prepare
    const book = cleanTown();

    // Act
    const result = run(book, { month: '2015-05' });

    // Assess
    const missing = result.issues.filter((i) => i.code === 'inspection_missing');
    expect(missing.map((i) => [i.sheet, i.cell, i.severity])).toEqual([
      ['组督查', 'B10', 'error'],
      ['组督查', 'B10', 'error'],
    ]);
    expect(missing[0]!.message).toContain('计生组');
    expect(missing[1]!.message).toContain('政法组');
  });

  it('does not need rows for months other than the assessed one', () => {
    // Prepare
    const book = cleanTown();
    book['组督查'] = book['组督查']!.filter((row) => row[0] === '月份' || row[0] === '2015-04');

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.groups.map((g) => g.ytdFundPaid)).toEqual([9000, 4000]);
  });
});

describe('知晓户数 greater than 调查户数', () => {
  it('reports the 知晓户数 cell', () => {
    // Prepare
    const book = cleanTown();
    book['民调'] = [headerOf('民调'), ['花桥街村', 100, 120, 50, 50, '2015-04']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '民调', cell: 'C2', severity: 'error', code: 'survey_inconsistent', quotes: ['120', '100'] }]);
    expectBlocked(result);
  });

  it('accepts 知晓户数 equal to 调查户数', () => {
    // Prepare
    const book = cleanTown();
    book['民调'] = [headerOf('民调'), ['花桥街村', 100, 100, 50, 49, '2015-04']];

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.survey[0]).toEqual({ village: '花桥街村', awarenessRate: 1, phoneAccuracyRate: 0.98 });
  });
});

describe('leave 天数 not within 1..calendar span', () => {
  it.each([
    [0, '0'],
    [-1, '-1'],
    [3, '3'],
    [2.5, '2.5'],
  ])('reports 天数 %j for a leave of 2 calendar days', (days, quoted) => {
    // Prepare
    const book = cleanTown();
    book['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-07'), days, '看病', '王组长', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '请假', cell: 'D2', severity: 'error', code: 'leave_days_invalid', quotes: [`「${quoted}」`] }]);
    expectBlocked(result);
  });

  it.each([0.5, 1, 2])('accepts 天数 %j for a leave of 2 calendar days', (days) => {
    // Prepare
    const book = cleanTown();
    book['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-07'), days, '看病', '王组长', '']];

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.leaves).toEqual([{ cell: 'A2', name: '张三', days, valid: true, reason: null }]);
  });
});

describe('责任分解 not adding up to 100', () => {
  it.each([
    ['支书30%、主任20%、秘书20%、专干20%', '90'],
    ['支书50%、主任60%', '110'],
  ])('reports 「%s」 at its cell', (split, total) => {
    // Prepare
    const book = cleanTown();
    setCell(book, '考核细则', 'G2', split);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考核细则', cell: 'G2', severity: 'error', code: 'split_not_100', quotes: [split, total] }]);
    expectBlocked(result);
  });

  it('accepts a split written with full-width signs and fractions of a percent', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '考核细则', 'G2', '支书33.33％，主任33.33％，专干33.34％');
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-01', -1, '政策外生育', '计生组', '', '']);

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.villages[0]!.roles.map((r) => [r.role, r.monthDeduction])).toEqual([
      ['支书', 0.33],
      ['主任', 0.33],
      ['秘书', 0],
      ['专干', 0.34],
    ]);
  });
});

describe('entries of a finalised month changed since 定稿', () => {
  /** The clean town with two March entries, and its March rows as stored at 定稿. */
  function finalisedMarch() {
    const book = cleanTown();
    book['对村考核']!.push(
      [d('2015-03-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', ''],
      [d('2015-03-05'), '新塘村', 'ZF-01', 1, '化解信访积案', '政法组', '', ''],
    );
    const finalizedRows = collectMonthRows(toGrids(book), { month: '2015-03' }).rows;
    return { book, finalizedRows };
  }

  it('reports an edited 加减分 of March at its cell, quoting the old and new value', () => {
    // Prepare
    const { book, finalizedRows } = finalisedMarch();
    setCell(book, '对村考核', 'D2', -3);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'D2', severity: 'error', code: 'finalized_month_changed', quotes: ['-2', '-3'] }]);
    expectBlocked(result);
  });

  it('accepts the same March entries retyped in other formats and new April entries', () => {
    // Prepare
    const { book, finalizedRows } = finalisedMarch();
    setCell(book, '对村考核', 'A2', '2015年3月2日');
    setCell(book, '对村考核', 'D3', '加1分');
    book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', -1, '台账不全', '计生组', '', '']);

    // Act
    const result = run(book, { finalizedRows });

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
  });
});
