import { describe, expect, it } from 'vitest';
import { exampleWorkbook, withTown } from '../../bench/exampleWorkbook.js';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';

/** A 参数 sheet below a title, placed at B2 as a workbook may place it. */
const params: Grid = {
  name: '参数',
  origin: 'B2',
  values: [['考核参数'], ['参数', '值'], ['乡镇', '花桥街镇'], ['年度', 2015], ['考核月份', '2015-04']],
};

describe('withTown', () => {
  it('makes the workbook out to another town, changing only 参数 乡镇', () => {
    // Prepare
    const villages: Grid = { name: '村', origin: 'A1', values: [['村名'], ['花桥街村']] };

    // Act
    const grids = withTown([params, villages], '基准镇2');

    // Assess
    expect(grids).toEqual([{ ...params, values: [['考核参数'], ['参数', '值'], ['乡镇', '基准镇2'], ['年度', 2015], ['考核月份', '2015-04']] }, villages]);
    expect(params.values[2]).toEqual(['乡镇', '花桥街镇']);
  });

  it('refuses a workbook without 乡镇 in 参数', () => {
    // Prepare
    const grids: Grid[] = [{ ...params, values: params.values.filter((row) => row[0] !== '乡镇') }];

    // Act
    const act = () => withTown(grids, '基准镇2');

    // Assess
    expect(act).toThrow('the workbook has no 乡镇 in 参数');
  });
});

describe('exampleWorkbook', () => {
  it('reads the example and describes it as a size: its tables’ rows and months January to 考核月份', async () => {
    // Prepare
    // 391 score rows: two of them the story entries the example's 申诉 contest (大坪村 MZ-02, 桐子坳村 XN-06).
    const expected = { id: 'example', villages: 14, groups: 5, staff: 42, scores: 391, attendance: 449, plans: 405, months: 4 };

    // Act
    const example = await exampleWorkbook();

    // Assess
    expect(example.size).toEqual(expected);
    expect(compute(withTown(example.grids, '基准镇2'))).toMatchObject({ status: 'ok', town: '基准镇2', month: '2015-04' });
  });
});
