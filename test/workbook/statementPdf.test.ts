import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import type { AssessmentResult } from '../../functions/src/domain/types.js';
import { workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { writeResultSheets } from '../../functions/src/workbook/writeResults.js';
import { buildExampleWorkbook } from '../../scripts/exampleWorkbook.js';

const run = promisify(execFile);

/** The text of each page of a PDF, whitespace removed (pdftotext from poppler-utils). */
async function pageTexts(pdf: string, pages: number): Promise<string[]> {
  const texts: string[] = [];
  for (let page = 1; page <= pages; page++) {
    const { stdout } = await run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), pdf, '-']);
    texts.push(stdout.replace(/\s+/gu, ''));
  }
  return texts;
}

const pageCount = async (pdf: string): Promise<number> => Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);

const strip = (text: string) => text.replace(/\s+/gu, '');

describe('村考核明细 printed through LibreOffice', () => {
  let dir: string;
  let result: AssessmentResult;
  let pages: string[];
  let count: number;

  beforeAll(async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'statement-pdf-'));
    const example = new ExcelJS.Workbook();
    await example.xlsx.load(await buildExampleWorkbook().xlsx.writeBuffer());
    result = compute(workbookToGrids(example));
    const printed = new ExcelJS.Workbook();
    writeResultSheets(printed, result);
    // Only the statement is printed: LibreOffice prints every sheet of a workbook.
    for (const sheet of [...printed.worksheets]) if (sheet.name !== '村考核明细') printed.removeWorksheet(sheet.id);
    const xlsx = join(dir, 'statement.xlsx');
    await writeFile(xlsx, Buffer.from(await printed.xlsx.writeBuffer()));

    // Act
    // A private profile: a running or a user's LibreOffice is neither needed nor touched.
    await run('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 150_000 });
    const pdf = join(dir, 'statement.pdf');
    count = await pageCount(pdf);
    pages = await pageTexts(pdf, count);
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one page per village, in 村 order, each with its own title and no other', () => {
    // Assess
    expect(result.status).toBe('ok');
    expect(count).toBe(result.villages.length);
    pages.forEach((text, i) => {
      const own = result.villages[i]!.village;
      expect(text).toContain(strip(`花桥街镇2015年4月 ${own} 目标管理考核明细`));
      for (const other of result.villages) if (other.village !== own) expect(text).not.toContain(strip(`${other.village}目标管理考核明细`));
    });
  });

  it('clips nothing: every column, entry, role and the signature line is on the village\'s page', () => {
    // Assess
    result.statements.forEach((s, i) => {
      const text = pages[i]!;
      // The last column's header and the last summary column: a clipped width would push them to another page.
      expect(text).toContain('申诉');
      expect(text).toContain('累计排名');
      for (const e of s.entries) {
        expect(text).toContain(strip(e.reason));
        expect(text).toContain(strip(e.item));
        expect(text).toContain(`${e.date}${e.group}${e.rule}`);
        if (e.appeal) expect(text).toContain(strip(e.appeal));
      }
      for (const d of s.deductions) expect(text).toContain(strip(d.what));
      for (const r of result.villages[i]!.roles) if (r.name) expect(text).toContain(r.name);
      for (const score of s.monthScores) expect(text).toContain(score.toFixed(2));
      expect(text).toContain('村（居）签收：');
      expect(text).toMatch(/第\d+页，共14页/u);
    });
  });

  it('shows the 申诉 results on the pages of the appealing villages', () => {
    // Assess
    const page = (village: string) => pages[result.villages.findIndex((v) => v.village === village)]!;
    expect(page('桐子坳村')).toContain(strip('撤销（原 -1）'));
    expect(page('岭口村')).toContain('维持');
    expect(page('大坪村')).toContain('待处理');
  });
});
