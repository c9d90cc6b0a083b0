/**
 * The example workbook with its people written in other accepted forms — 组别's 组长 as 姓名（工号）,
 * a 问责 姓名 as a 工号 — gives exactly the example's results.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { readWorkbookFile } from '../../functions/src/workbook/readWorkbookFile.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', '花桥街镇-2015.xlsx');

const sheet = (grids: Grid[], name: string): unknown[][] => grids.find((g) => g.name === name)!.values;

describe('the example workbook with other person forms', () => {
  it('gives the same result JSON with 组长 李建军（HQ003） and a 问责 姓名 written as a 工号', async () => {
    // Prepare
    const grids = await readWorkbookFile(EXAMPLE);
    const rewritten = structuredClone(grids);
    const staff = sheet(rewritten, '人员');
    const idOf = (name: string) => staff.find((row) => row[0] === name)![3] as string;
    const groups = sheet(rewritten, '组别');
    expect([groups[1]![1], idOf('李建军')]).toEqual(['李建军', 'HQ003']);
    groups[1]![1] = '李建军（HQ003）';
    const accountability = sheet(rewritten, '问责');
    const row = accountability.findIndex((r, i) => i > 0 && staff.some((s) => s[0] === r[1]));
    const name = accountability[row]![1] as string;
    accountability[row]![1] = idOf(name);

    // Act
    const expected = compute(grids);
    const result = compute(rewritten);

    // Assess
    expect(expected.status).toBe('ok');
    expect(expected.accountability.some((a) => a.name === name)).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
