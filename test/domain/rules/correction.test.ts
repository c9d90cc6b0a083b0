import { describe, expect, it } from 'vitest';
import { collectMonthRows, compute } from '../../../functions/src/domain/index.js';
import type { CorrectionFacts } from '../../../functions/src/domain/index.js';
import { d, toGrids } from '../fixtures.js';
import { cleanTown } from '../validation/helpers.js';

/** The clean town with two April entries: 新塘村 −2 (row 2) and 毛家村 −1 (row 3). */
function april() {
  const book = cleanTown();
  book['对村考核']!.push(
    [d('2015-04-02'), '新塘村', 'JS-02', -2, '流动人口信息未录入', '计生组', '', ''],
    [d('2015-04-03'), '毛家村', 'ZF-01', -1, '信访积案', '政法组', '', ''],
  );
  return book;
}

const facts: CorrectionFacts = {
  version: 2,
  reason: '新塘村的扣分录错了，应为 -0.5',
  openedBy: { id: 'secretary-1', role: '秘书' },
  openedAt: '2015-05-06T08:30:00.000Z',
  approvedBy: null,
  approvedAt: null,
};

describe('更正说明 of a corrected month', () => {
  it('states the changed entry, each changed village score and rank, and that approval is pending', () => {
    // Prepare: version 1 ranks 花桥街村 100, 毛家村 99, 新塘村 98; the correction makes 新塘村 99.5
    const v1 = april();
    const previous = { result: compute(toGrids(v1)), rows: collectMonthRows(toGrids(v1)).rows };
    const v2 = april();
    v2['对村考核']![1]![3] = -0.5;

    // Act
    const result = compute(toGrids(v2), { correction: { ...facts, previous } });

    // Assess
    const at = result.bulletin.indexOf('九、更正说明');
    expect(at).toBeGreaterThan(0);
    expect(result.bulletin.slice(at)).toEqual([
      '九、更正说明',
      '本月考核结果在定稿后经更正，现为第 2 版，第 1 版同时作废。',
      '申请：秘书 secretary-1，2015-05-06 08:30；原因：新塘村的扣分录错了，应为 -0.5',
      '批准：尚待书记或镇长批准，批准前本结果为草稿。',
      '更正的数据共 1 处：',
      '对村考核!D2：原为「-2」，现为「-0.5」。',
      '新塘村：本月得分 98.00 → 99.50，排名 3 → 2；累计得分 98.00 → 99.50，累计排名 3 → 2。',
      '毛家村：本月得分 99.00 → 99.00，排名 2 → 3；累计得分 99.00 → 99.00，累计排名 2 → 3。',
      '各组得分、经费均未变化。',
    ]);
    expect(result.villages.find((v) => v.village === '新塘村')!.monthScore).toBe(99.5);
  });
});
