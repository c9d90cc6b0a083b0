import { describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { SIZES, sizeById, syntheticTown, SYNTHETIC_TOWN } from '../../bench/syntheticTown.js';

/** Data rows of the sheets whose name starts with `prefix` (each has a title, a blank row and a header). */
const dataRows = (grids: readonly Grid[], prefix: string): number =>
  grids.filter((g) => g.name.startsWith(prefix)).reduce((sum, g) => sum + g.values.length - 3, 0);

/** The first column below the header of a sheet. */
const firstColumn = (grids: readonly Grid[], name: string): unknown[] => grids.find((g) => g.name === name)!.values.slice(3).map((row) => row[0]);

describe('syntheticTown', () => {
  it('builds the same workbook from the same seed', () => {
    // Prepare
    const size = sizeById('town');

    // Act
    const first = syntheticTown(size, 7);
    const second = syntheticTown(size, 7);

    // Assess
    expect(second).toEqual(first);
  });

  it('builds a different workbook from another seed', () => {
    // Prepare
    const size = sizeById('town');

    // Act
    const first = syntheticTown(size, 7);
    const second = syntheticTown(size, 8);

    // Assess
    expect(second).not.toEqual(first);
  });

  it.each(SIZES.map((s) => [s.id, s] as const))('gives %s the villages, groups, staff and rows of its size', (_, size) => {
    // Prepare
    const grids = syntheticTown(size);

    // Act
    const counts = {
      villages: new Set(firstColumn(grids, '村')).size,
      groups: new Set(firstColumn(grids, '组别')).size,
      // 书记 and 镇长 come on top of the staff of the groups.
      staff: new Set(firstColumn(grids, '人员')).size - 2,
      scores: dataRows(grids, '对村考核-'),
      scoreSheets: grids.filter((g) => g.name.startsWith('对村考核-')).length,
      attendance: dataRows(grids, '考勤'),
      plans: dataRows(grids, '月度计划'),
    };

    // Assess
    expect(counts).toEqual({
      villages: size.villages,
      groups: size.groups,
      staff: size.staff,
      scores: size.scores,
      scoreSheets: size.groups,
      attendance: size.attendance,
      plans: size.plans,
    });
  });

  it.each(['town', 'big-town'])('builds a %s that computes without errors for its last month', (id) => {
    // Prepare
    const size = sizeById(id);
    const grids = syntheticTown(size);

    // Act
    const result = compute(grids);

    // Assess
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.status).toBe('ok');
    expect(result.town).toBe(SYNTHETIC_TOWN);
    expect(result.month).toBe(`2015-${String(size.months).padStart(2, '0')}`);
    expect(result.villages).toHaveLength(size.villages);
    expect(result.groups).toHaveLength(size.groups);
  });

  it('refuses an unknown size, naming the known ones', () => {
    // Prepare
    const id = 'city';

    // Act
    const find = () => sizeById(id);

    // Assess
    expect(find).toThrow('unknown size "city"; known: town, big-town, district-year');
  });
});
