/**
 * The graft on reruns: a second run replaces the result sheets of the first and only those, adds
 * no styles, and every print title names the sheet its localSheetId points at.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import { graftResultSheets } from '../../functions/src/workbook/graftResults.js';
import { openPackage } from '../../functions/src/workbook/openPackage.js';
import { attributes, decodeEntities, elements } from '../../functions/src/workbook/ooxml.js';
import { packageToGrids, worksheetParts } from '../../functions/src/workbook/readPackage.js';
import { changedParts } from '../support/packageParts.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/花桥街镇-2015.xlsx');

/** Each sheet-scoped defined name with the sheet its localSheetId points at. */
async function scopedNames(bytes: Uint8Array): Promise<{ formula: string; sheet: string }[]> {
  const workbook = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
  const sheets = elements(workbook, 'sheet').map((s) => attributes(s.open).get('name'));
  return elements(workbook, 'definedName')
    .filter((d) => attributes(d.open).has('localSheetId'))
    .map((d) => ({ formula: decodeEntities(d.inner ?? ''), sheet: sheets[Number(attributes(d.open).get('localSheetId'))] ?? '?' }));
}

describe('graftResultSheets', () => {
  it('replaces the result sheets of an earlier run and only those, adding no styles', async () => {
    // Prepare
    const input = new Uint8Array(await readFile(EXAMPLE));
    const result = compute(await packageToGrids(await openPackage(input)));
    const first = await graftResultSheets(input, result);

    // Act
    const second = await graftResultSheets(first, result);
    const issuesOnly = await graftResultSheets(second, { ...result, status: 'invalid' });

    // Assess
    const names = async (bytes: Uint8Array) => (await worksheetParts(await openPackage(bytes))).map((s) => s.name);
    const inputSheets = await names(input);
    expect(await names(second)).toEqual([...inputSheets, ...RESULT_SHEETS]);
    expect(await names(issuesOnly)).toEqual([...inputSheets, ...RESULT_SHEETS.filter((s) => s !== '校验问题'), '校验问题']);
    expect(await changedParts(input, second)).toEqual([]);
    const styles = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('xl/styles.xml')!.async('string');
    expect(await styles(second)).toBe(await styles(first));
    for (const bytes of [first, second, issuesOnly]) {
      const titles = await scopedNames(bytes);
      expect(titles.length).toBeGreaterThan(0);
      for (const { formula, sheet } of titles) expect(formula.startsWith(`'${sheet}'!`) || formula.startsWith(`${sheet}!`)).toBe(true);
    }
  });
});
