/**
 * Every file that is not an .xlsx workbook through `npm run assess`: exit 1 and one Chinese line
 * saying what the file is and what to do, before anything is inflated or written.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, runAssess } from '../../functions/src/cli/runAssess.js';
import { type BadFile, writeBadFiles } from '../support/badFiles.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/花桥街镇-2015.xlsx');

describe('npm run assess on a file that is not a workbook', () => {
  let dir = '';
  let bad: BadFile[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bad-files-'));
    bad = await writeBadFiles(dir, EXAMPLE);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 1 with one line naming the file and what it is, and writes nothing', async () => {
    for (const file of bad) {
      // Prepare
      const input = join(dir, file.name);
      const out = join(dir, `${file.name}-结果.xlsx`);
      const errors: string[] = [];
      const printed: string[] = [];

      // Act
      const code = await runAssess([input, '--out', out], { out: (l) => printed.push(l), err: (l) => errors.push(l) });

      // Assess
      expect({ file: file.name, code }).toEqual({ file: file.name, code: EXIT_FAILURE });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`无法读取「${input}」：`);
      expect(errors[0]).toContain(file.message);
      expect(printed).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }
  });
});
