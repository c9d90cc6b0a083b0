/**
 * The corpus of real Excel-made workbooks (test/corpus/excel-made: charts, chartsheets, images,
 * comments, form buttons, tables, macros …) through the command line: every file is read without
 * a crash, answered 2 (the assessment sheets are missing), and its copy holds 校验问题 and every
 * part of the input byte for byte but those SPEC §8 lets change.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_INVALID, runAssess } from '../../functions/src/cli/runAssess.js';
import { openPackage } from '../../functions/src/workbook/openPackage.js';
import { packageToGrids } from '../../functions/src/workbook/readPackage.js';
import { changedParts } from '../support/packageParts.js';

const CORPUS = resolve(import.meta.dirname, '../corpus/excel-made');
const files = (await readdir(CORPUS)).filter((name) => /\.xls[xm]$/.test(name)).sort();

describe('the excel-made corpus through npm run assess', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corpus-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the 202 files of its README', () => {
    expect(files).toHaveLength(202);
  });

  it('answers every file with exit 2 and a copy that keeps every part and adds 校验问题', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const name of files) {
      // Prepare
      const input = join(CORPUS, name);
      const out = join(dir, name);
      const lines: string[] = [];

      // Act
      const code = await runAssess([input, '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });

      // Assess
      if (code !== EXIT_INVALID) {
        failures.push(`${name}: exit ${code} ${lines.join(' ')}`);
        continue;
      }
      const [before, after] = await Promise.all([readFile(input), readFile(out)]);
      const copy = await packageToGrids(await openPackage(after));
      const issues = copy.find((g) => g.name === '校验问题');
      const changed = await changedParts(before, after);
      if (!issues?.values.flat().includes('missing_sheet')) failures.push(`${name}: no 校验问题 with missing_sheet`);
      if (changed.length > 0) failures.push(`${name}: changed ${changed.join(', ')}`);
      if (!lines.some((l) => l.includes('缺少工作表「参数」'))) failures.push(`${name}: missing sheets not printed`);
    }
    expect(failures).toEqual([]);
  });
});
