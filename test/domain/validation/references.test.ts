import { describe, expect, it } from 'vitest';
import { cleanTown, expectBlocked, expectIssues, headerOf, run, setCell } from './helpers.js';
import { d } from '../fixtures.js';

/** The clean town with one April score entry on 对村考核 row 2. */
function townWithEntry() {
  const book = cleanTown();
  book['对村考核']!.push([d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '计生组', '', '']);
  return book;
}

describe('unknown village', () => {
  it('reports 花桥村 on a score entry and suggests 花桥街村', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'B2', '花桥村');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    expectIssues(result, [{ sheet: '对村考核', cell: 'B2', severity: 'error', code: 'unknown_village' }]);
    expect(result.issues[0]!.message).toBe('村名「花桥村」不存在，是否为「花桥街村」？');
  });

  it('reports a village nothing resembles without a suggestion', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'B2', '望城坡社区');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'B2', severity: 'error', code: 'unknown_village', quotes: ['「望城坡社区」'] }]);
    expect(result.issues[0]!.message).not.toContain('是否为');
  });

  it('reports an unknown village on 村级财务 and 民调 with a suggestion', () => {
    // Prepare
    const book = cleanTown();
    book['村级财务'] = [['日期', '村', '类型', '金额', '上交代管中心', '报账单号', '镇审批'], [d('2015-04-03'), '新堂村', '收入', 500, '是', '', '']];
    book['民调'] = [['村', '调查户数', '知晓户数', '登记电话数', '准确电话数', '月份'], ['毛家', 50, 50, 40, 40, '2015-04']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [
      { sheet: '村级财务', cell: 'B2', severity: 'error', code: 'unknown_village', quotes: ['「新堂村」', '「新塘村」'] },
      { sheet: '民调', cell: 'A2', severity: 'error', code: 'unknown_village', quotes: ['「毛家」', '「毛家村」'] },
    ]);
  });
});

describe('unknown group', () => {
  it('reports an unknown 考核组 on a score entry and suggests the group', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'F2', '计生');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'F2', severity: 'error', code: 'unknown_group', quotes: ['「计生」', '「计生组」'] }]);
  });

  it('reports an unknown 所在组 in 人员', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '人员', 'B8', '正法组');

    // Act
    const result = run(book);

    // Assess
    expectBlocked(result);
    const issue = result.issues.find((i) => i.code === 'unknown_group');
    expect(issue).toMatchObject({ sheet: '人员', cell: 'B8', severity: 'error', code: 'unknown_group' });
    expect(issue!.message).toContain('「正法组」');
    expect(issue!.message).toContain('「政法组」');
  });

  it('reports an unknown 组名 in 组督查 and an unknown 考核组 in 考核细则', () => {
    // Prepare
    const book = cleanTown();
    book['组督查']!.push(['2015-03', '城建组', 85, '']);
    setCell(book, '考核细则', 'D3', '计生祖');

    // Act
    const result = run(book);

    // Assess
    expect(result.issues.filter((i) => i.code === 'unknown_group')).toMatchObject([
      { sheet: '考核细则', cell: 'D3', severity: 'error', code: 'unknown_group' },
      { sheet: '组督查', cell: 'B10', severity: 'error', code: 'unknown_group' },
    ]);
    expect(result.issues.find((i) => i.sheet === '考核细则')!.message).toContain('「计生组」');
    expect(result.issues.find((i) => i.sheet === '组督查')!.message).toContain('「城建组」');
  });

  it('reports the group named in a 对村考核-<组名> sheet name when it does not exist', () => {
    // Prepare
    const book = cleanTown();
    delete book['对村考核'];
    book['对村考核-计生'] = [headerOf('对村考核').filter((h) => h !== '考核组'), [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核-计生', cell: 'A1', severity: 'error', code: 'unknown_group', quotes: ['「计生」', '「计生组」'] }]);
  });
});

describe('unknown person', () => {
  it('reports an unknown 姓名 in 考勤 and suggests the person', () => {
    // Prepare
    const book = cleanTown();
    book['考勤'] = [headerOf('考勤'), [d('2015-04-07'), '张山', '定时查岗', '缺签', '', '效能办']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考勤', cell: 'B2', severity: 'error', code: 'unknown_person', quotes: ['「张山」', '「张三」'] }]);
    expectBlocked(result);
  });

  it('reports an unknown applicant in 请假 and in 月度计划', () => {
    // Prepare
    const book = cleanTown();
    book['请假'] = [['姓名', '开始日期', '结束日期', '天数', '事由', '组长审批', '领导审批'], ['李斯', d('2015-04-06'), d('2015-04-06'), 1, '看病', '王组长', '']];
    book['月度计划']!.push(['2015-04', '钱武', '信访接待', '', '已完成']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [
      { sheet: '请假', cell: 'A2', severity: 'error', code: 'unknown_person', quotes: ['「李斯」', '「李四」'] },
      { sheet: '月度计划', cell: 'B7', severity: 'error', code: 'unknown_person', quotes: ['「钱武」', '「钱五」'] },
    ]);
  });

  it('asks for the 工号 when a referenced name is shared, and accepts 姓名（工号）', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '人员', 'D5', 'G001');
    book['人员']!.push(['张三', '政法组', '组员', 'G002']);
    setCell(book, '月度计划', 'B3', '张三（G001）');
    book['月度计划']!.push(['2015-04', '张三（G002）', '信访接待', '', '已完成']);
    book['考勤'] = [headerOf('考勤'), [d('2015-04-07'), '张三', '定时查岗', '缺签', '', ''], [d('2015-04-08'), 'G001', '定时查岗', '缺签', '', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '考勤', cell: 'B2', severity: 'error', code: 'ambiguous_person', quotes: ['张三'] }]);
  });
});

describe('unknown 责任人', () => {
  it('reports a misspelt village cadre and suggests the cadre', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'G2', '黄之书');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'G2', severity: 'error', code: 'unknown_responsible', quotes: ['「黄之书」', '「黄支书」'] }]);
  });

  it.each(['constructor', 'toString', '__proto__'])('reports the 责任人 %s like any other unknown name', (name) => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'G2', name);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'G2', severity: 'error', code: 'unknown_responsible', quotes: [`「${name}」`] }]);
  });
});

describe('unknown 参数', () => {
  it.each(['村基础份', 'toString', 'constructor'])('warns unknown_param for the key %s', (key) => {
    // Prepare
    const book = cleanTown();
    book['参数']!.push([key, '5']);

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '参数', cell: 'A5', severity: 'warning', code: 'unknown_param', quotes: [`「${key}」`] }]);
    expect(result.status).toBe('ok');
  });
});

describe('free-text columns', () => {
  it('does not check 录入人, 检查人, 事由 and 点评 against 人员', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'H2', '临时工小周');
    setCell(book, '组督查', 'D9', '由外聘专家点评');
    book['考勤'] = [headerOf('考勤'), [d('2015-04-07'), '张三', '定时查岗', '在岗', '', '区督查组老王']];
    book['请假'] = [headerOf('请假'), ['张三', d('2015-04-06'), d('2015-04-06'), 1, '陪护母亲', '王组长', '']];

    // Act
    const result = run(book);

    // Assess
    expect(result.status).toBe('ok');
    expect(result.issues).toEqual([]);
  });
});

describe('unknown 细则编号', () => {
  it('reports JS-1 and suggests JS-01', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'C2', 'JS-1');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'C2', severity: 'error', code: 'unknown_rule', quotes: ['「JS-1」', '「JS-01」'] }]);
  });

  it('reports Z-99, which resembles no rule, quoting it', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'C2', 'Z-99');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'C2', severity: 'error', code: 'unknown_rule', quotes: ['「Z-99」'] }]);
    expectBlocked(result);
  });
});

describe('a group scoring another group’s item', () => {
  it('reports a 政法组 entry on the 计生组 item JS-01 at its 细则编号', () => {
    // Prepare
    const book = townWithEntry();
    setCell(book, '对村考核', 'C2', 'JS-01');
    setCell(book, '对村考核', 'F2', '政法组');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核', cell: 'C2', severity: 'error', code: 'rule_group_mismatch', quotes: ['JS-01', '计生组', '政法组'] }]);
    expectBlocked(result);
  });

  it('reports the item of another group on a 对村考核-<组名> sheet', () => {
    // Prepare
    const book = cleanTown();
    delete book['对村考核'];
    book['对村考核-政法组'] = [headerOf('对村考核').filter((h) => h !== '考核组'), [d('2015-04-02'), '花桥街村', 'JS-02', -2, '流动人口信息未及时录入', '', '']];

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '对村考核-政法组', cell: 'C2', severity: 'error', code: 'rule_group_mismatch', quotes: ['JS-02', '计生组', '政法组'] }]);
  });
});

describe('组别 组长 who is not a 人员 of the group', () => {
  it('reports a 组长 missing from 人员 at the 组长 cell, as every person column does', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组别', 'B2', '孙组长');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '组别', cell: 'B2', severity: 'error', code: 'unknown_person', quotes: ['「孙组长」'] }]);
    expectBlocked(result);
  });

  it('reports a 组长 who belongs to another group', () => {
    // Prepare
    const book = cleanTown();
    setCell(book, '组别', 'B3', '张三');

    // Act
    const result = run(book);

    // Assess
    expectIssues(result, [{ sheet: '组别', cell: 'B3', severity: 'error', code: 'leader_not_member', quotes: ['「张三」', '计生组', '政法组'] }]);
  });
});
