import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/src/domain/types.js';
import { dateToExcelSerial, workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { MESSAGES, openPackage } from '../../functions/src/workbook/openPackage.js';
import { packageToGrids } from '../../functions/src/workbook/readPackage.js';
import { readWorkbookFile, WorkbookFileError } from '../../functions/src/workbook/readWorkbookFile.js';

/**
 * Builds a workbook in code, saves it as .xlsx bytes and reads it back, as a real file would come
 * in: with the package reader the CLI and the browser mode use, which must give what ExcelJS gives.
 */
async function roundTrip(build: (workbook: ExcelJS.Workbook) => void): Promise<Grid[]> {
  const written = new ExcelJS.Workbook();
  build(written);
  const bytes = new Uint8Array(await written.xlsx.writeBuffer());
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes.buffer as ArrayBuffer);
  const grids = await packageToGrids(await openPackage(bytes));
  expect(grids).toEqual(workbookToGrids(read));
  return grids;
}

const utc = (year: number, month: number, day: number, hours = 0): Date => new Date(Date.UTC(year, month - 1, day, hours));

describe('dateToExcelSerial', () => {
  it('gives the 1900-system serial of a date and the time as fraction', () => {
    // Prepare
    const dates = [utc(2015, 4, 2), utc(2015, 4, 2, 18), utc(1900, 3, 1), utc(2015, 12, 31)];

    // Act
    const serials = dates.map(dateToExcelSerial);

    // Assess
    expect(serials).toEqual([42096, 42096.75, 61, 42369]);
  });
});

describe('workbookToGrids', () => {
  it('reads plain values as a rectangle from A1 to the last used cell', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      const ws = wb.addWorksheet('参数');
      ws.getCell('A1').value = '参数';
      ws.getCell('B1').value = '值';
      ws.getCell('A2').value = '村基础分';
      ws.getCell('B2').value = 100;
      ws.getCell('C3').value = true;
      ws.getCell('A4').value = -2.5;
      // Formatting alone does not make a cell used.
      ws.getCell('F9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    };

    // Act
    const grids = await roundTrip(build);

    // Assess
    expect(grids).toEqual([
      {
        name: '参数',
        origin: 'A1',
        values: [
          ['参数', '值', ''],
          ['村基础分', 100, ''],
          ['', '', true],
          [-2.5, '', ''],
        ],
      },
    ]);
  });

  it('turns dates into Excel serial numbers', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      const ws = wb.addWorksheet('考勤');
      ws.getCell('A1').value = utc(2015, 4, 2);
      ws.getCell('B1').value = utc(2015, 4, 2, 12);
      ws.getCell('C1').value = 42100;
      ws.getCell('C1').numFmt = 'yyyy-mm-dd';
    };

    // Act
    const [grid] = await roundTrip(build);

    // Assess
    expect(grid?.values).toEqual([[42096, 42096.5, 42100]]);
  });

  it('gives the cached result of a formula and an empty string without one', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      const ws = wb.addWorksheet('组别');
      ws.getCell('A1').value = 3;
      ws.getCell('B1').value = { formula: 'A1*2', result: 6 };
      ws.getCell('C1').value = { formula: 'A1&"组"', result: '3组' };
      ws.getCell('D1').value = { formula: 'A1>2', result: true };
      ws.getCell('E1').value = { formula: 'A1+1' };
      ws.getCell('F1').value = { formula: 'VLOOKUP(A1,Z:Z,1,0)', result: { error: '#N/A' } };
      ws.getCell('G1').value = { formula: 'DATE(2015,4,2)', result: utc(2015, 4, 2) };
      ws.getCell('A2').value = { formula: 'A1+10', result: 13 };
      ws.getCell('B2').value = { sharedFormula: 'A2', result: 16 };
    };

    // Act
    const [grid] = await roundTrip(build);

    // Assess
    expect(grid?.values).toEqual([
      [3, 6, '3组', true, '', '#N/A', 42096],
      [13, 16, '', '', '', '', ''],
    ]);
  });

  it('flattens rich text and hyperlinks to their text and error values to their code', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      const ws = wb.addWorksheet('村');
      ws.getCell('A1').value = { richText: [{ text: '花桥', font: { bold: true } }, { text: '街村' }] };
      ws.getCell('B1').value = { text: '说明', hyperlink: 'https://example.org/' };
      ws.getCell('C1').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('D1').value = '';
    };

    // Act
    const [grid] = await roundTrip(build);

    // Assess
    expect(grid?.values).toEqual([['花桥街村', '说明', '#REF!']]);
  });

  it('keeps the value of a merged range in its top-left cell only', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      const ws = wb.addWorksheet('对村考核');
      ws.getCell('A1').value = '花桥街镇对村考核登记表';
      ws.mergeCells('A1:C1');
      ws.getCell('A2').value = '日期';
      ws.getCell('B2').value = '村';
      ws.getCell('C2').value = '加减分';
      ws.getCell('A3').value = '一季度';
      ws.mergeCells('A3:A4');
      ws.getCell('B3').value = '花桥街村';
      ws.getCell('C3').value = -2;
    };

    // Act
    const [grid] = await roundTrip(build);

    // Assess
    expect(grid?.values).toEqual([
      ['花桥街镇对村考核登记表', '', ''],
      ['日期', '村', '加减分'],
      ['一季度', '花桥街村', -2],
    ]);
  });

  it('returns every sheet in tab order, an empty one as the single empty cell A1', async () => {
    // Prepare
    const build = (wb: ExcelJS.Workbook): void => {
      wb.addWorksheet('参数').getCell('A1').value = '参数';
      wb.addWorksheet('空表');
      wb.addWorksheet('人员', { state: 'hidden' }).getCell('B2').value = '张三';
    };

    // Act
    const grids = await roundTrip(build);

    // Assess
    expect(grids).toEqual([
      { name: '参数', origin: 'A1', values: [['参数']] },
      { name: '空表', origin: 'A1', values: [['']] },
      {
        name: '人员',
        origin: 'A1',
        values: [
          ['', ''],
          ['', '张三'],
        ],
      },
    ]);
  });
});

describe('readWorkbookFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-workbook-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the grids of an .xlsx file on disk', async () => {
    // Prepare
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('组督查').addRow(['月份', '组名', '督查得分']);
    const path = join(dir, 'input.xlsx');
    await workbook.xlsx.writeFile(path);

    // Act
    const grids = await readWorkbookFile(path);

    // Assess
    expect(grids).toEqual([{ name: '组督查', origin: 'A1', values: [['月份', '组名', '督查得分']] }]);
  });

  it('fails with a Chinese message for a missing file and for a file that is not .xlsx', async () => {
    // Prepare
    const missing = join(dir, 'missing.xlsx');
    const notXlsx = join(dir, 'notes.xlsx');
    await writeFile(notXlsx, '这不是工作簿');

    // Act
    const failures = await Promise.all([readWorkbookFile(missing), readWorkbookFile(notXlsx)].map((p) => p.catch((e: unknown) => e)));

    // Assess
    expect(failures[0]).toBeInstanceOf(WorkbookFileError);
    expect((failures[0] as Error).message).toBe(`找不到文件「${missing}」`);
    expect(failures[1]).toBeInstanceOf(WorkbookFileError);
    expect((failures[1] as Error).message).toBe(`无法读取「${notXlsx}」：${MESSAGES.text}`);
  });
});
