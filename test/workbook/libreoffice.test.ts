/**
 * Workbooks of other writers through `npm run assess`: the example decorated by openpyxl (chart,
 * image, comment, sheet and structure protection, print titles, a table; absolute relationship
 * targets), the same saved again by LibreOffice (its own protection, print titles and a table
 * without a style), and an .xlsm with its macros. Each copy keeps every part of its input byte
 * for byte but those SPEC §8 lets change, and opens in LibreOffice with the result sheets
 * rendered. LibreOffice runs twice in all (one save, one batch of PDFs), with its own profile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, runAssess } from '../../functions/src/cli/runAssess.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import { contentTypeOf, openPackage } from '../../functions/src/workbook/openPackage.js';
import { worksheetParts } from '../../functions/src/workbook/readPackage.js';
import { changedParts, partNames } from '../support/packageParts.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/花桥街镇-2015.xlsx');
const MACRO = join(ROOT, 'test/corpus/excel-made/macro01.xlsm');

/** Runs LibreOffice headless with a private profile; slow, so every call converts a batch. */
function soffice(profile: string, args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', ...args], { stdio: 'pipe', timeout: 300_000 });
}

interface Case {
  name: string;
  input: string;
  out: string;
  code?: number;
}

describe('workbooks of openpyxl and LibreOffice through npm run assess', () => {
  let dir = '';
  const cases: Case[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'libreoffice-'));
    const profile = join(dir, 'profile');
    const decorated = join(dir, 'decorated.xlsx');
    const macro = join(dir, 'openpyxl.xlsm');
    execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'fixtures/decorate.py'), EXAMPLE, decorated, MACRO, macro], { stdio: 'pipe' });
    soffice(profile, ['--convert-to', 'xlsx', '--outdir', join(dir, 'lo'), decorated]);
    cases.push(
      { name: 'openpyxl', input: decorated, out: join(dir, 'openpyxl-结果.xlsx') },
      { name: 'LibreOffice', input: join(dir, 'lo/decorated.xlsx'), out: join(dir, 'libreoffice-结果.xlsx') },
      { name: 'xlsm', input: macro, out: join(dir, 'openpyxl-结果.xlsm') },
    );
    for (const c of cases) {
      const args = c.name === 'xlsm' ? [c.input] : [c.input, '--out', c.out];
      c.code = await runAssess(args, { out: () => undefined, err: () => undefined });
    }
    soffice(profile, ['--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...cases.map((c) => c.out)]);
  }, 600_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('assesses each workbook (exit 0) into a copy that keeps every part of the input', async () => {
    for (const c of cases) {
      // Act
      const [input, copy] = await Promise.all([readFile(c.input), readFile(c.out)]);

      // Assess
      expect({ name: c.name, code: c.code }).toEqual({ name: c.name, code: EXIT_OK });
      expect({ name: c.name, changed: await changedParts(input, copy) }).toEqual({ name: c.name, changed: [] });
      const sheets = (await worksheetParts(await openPackage(copy))).map((s) => s.name);
      expect(sheets.slice(-RESULT_SHEETS.length)).toEqual([...RESULT_SHEETS]);
    }
  });

  it('keeps the charts, images, comments, tables and protection of the inputs', async () => {
    // Act
    const parts = await Promise.all(cases.slice(0, 2).map(async (c) => partNames(await readFile(c.out))));

    // Assess
    for (const names of parts) {
      for (const kind of [/charts\/chart\d+\.xml$/, /media\/image\d+\.png$/, /comments?\d*\.xml$/, /tables\/table\d+\.xml$/]) {
        expect(names.some((n) => kind.test(n))).toBe(true);
      }
    }
    const workbook = await (await openPackage(await readFile(cases[0]!.out))).zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toMatch(/<workbookProtection [^>]*lockStructure="1"/);
  });

  it('saves an .xlsm as .xlsm with its macros and its macro-enabled content type', async () => {
    // Act
    const copy = await openPackage(await readFile(cases[2]!.out));

    // Assess
    expect(cases[2]!.out.endsWith('-结果.xlsm')).toBe(true);
    expect(copy.macroEnabled).toBe(true);
    expect(await contentTypeOf(copy.zip, copy.workbookPart)).toBe('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    const [before, after] = await Promise.all([
      (await openPackage(await readFile(cases[2]!.input))).zip.file('xl/vbaProject.bin')!.async('nodebuffer'),
      copy.zip.file('xl/vbaProject.bin')!.async('nodebuffer'),
    ]);
    expect(after.equals(before)).toBe(true);
  });

  it('opens every copy in LibreOffice with the result sheets rendered', () => {
    for (const c of cases) {
      // Act
      const pdf = join(dir, 'pdf', `${c.out.slice(c.out.lastIndexOf('/') + 1).replace(/\.xls[xm]$/, '')}.pdf`);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });

      // Assess
      for (const shown of ['对村考核结果', '各组考核结果', '工作经费发放表', '目标管理考核通报', '月度经费基数']) {
        expect({ name: c.name, shown: text.includes(shown) }).toEqual({ name: c.name, shown: true });
      }
    }
  });
});
