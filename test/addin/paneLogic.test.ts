import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconPng } from '../../addin/build/icons.js';
import { resultFileName } from '../../addin/src/browser/fileWorkbook.js';
import { workbookParams } from '../../addin/src/common/assessment.js';
import { documentChannel, type StoredOutcome, TRIMMED_ISSUES } from '../../addin/src/common/lastOutcome.js';
import { browserSettings, monthProblem } from '../../addin/src/common/settings.js';
import { monthText, money, rankExtremes, verdict } from '../../addin/src/common/summary.js';
import { literal, styledAreas } from '../../addin/src/workbook/sheetPaint.js';
import { compute } from '../../functions/src/domain/index.js';
import type { VillageResult } from '../../functions/src/domain/types.js';
import { memoryStorage } from './memoryStorage.js';
import { FakeExcel } from './excelFake.js';
import { exampleGrids, hostByKey, installOffice } from './officeHarness.js';

const village = (name: string, monthRank: number, monthScore: number): VillageResult =>
  ({ village: name, monthRank, monthScore }) as VillageResult;

describe('the pane’s summary', () => {
  it('names every village sharing the first or the last rank', () => {
    // Prepare
    const villages = [village('花桥街村', 1, 100.5), village('毛家村', 1, 100.5), village('岭口村', 3, 87), village('塘头村', 3, 87)];

    // Act
    const { first, last } = rankExtremes(villages);

    // Assess
    expect(first.map((v) => v.village)).toEqual(['花桥街村', '毛家村']);
    expect(last.map((v) => v.village)).toEqual(['岭口村', '塘头村']);
  });

  it('says what a run found in one Chinese sentence', () => {
    // Prepare
    const result = compute(exampleGrids());

    // Act
    const done = verdict(result, 'compute');
    const blocked = verdict({ ...result, issues: [{ sheet: '村', cell: 'A3', severity: 'error', code: 'x', message: '' }] }, 'compute');

    // Assess
    // 10 warnings: the example's nine plus its pending 申诉 (appeal_pending).
    expect(done).toBe('2015年4月考核完成：第一名 花桥街村、毛家村，最后一名 岭口村；10 个警告请核实。');
    expect(blocked).toBe('发现 1 个错误，未生成考核结果，请按问题列表逐条改正。');
    expect(monthText('2015-04')).toBe('2015年4月');
    expect(money(10000)).toBe('10,000.00');
  });

  it('finds 乡镇 and 考核月份 on the 参数 sheet', () => {
    // Act
    const params = workbookParams(exampleGrids());

    // Assess
    expect(params).toEqual({ town: '花桥街镇', month: '2015-04' });
  });

  it('names the downloaded copy like the command line does', () => {
    // Assess
    expect(resultFileName('花桥街镇-2015.xlsx')).toBe('花桥街镇-2015-结果.xlsx');
  });
});

describe('the settings', () => {
  it('keep the browser’s settings and refuse a malformed month', async () => {
    // Prepare
    const storage = memoryStorage();
    const store = browserSettings(storage);

    // Act
    await store.save({ apiUrl: 'https://kaohe.example.cn', town: '花桥街镇', month: '2015-04' });

    // Assess
    expect(store.load()).toEqual({ apiUrl: 'https://kaohe.example.cn', town: '花桥街镇', month: '2015-04' });
    expect(monthProblem('2015-4')).toBe('考核月份「2015-4」格式不对，应为 YYYY-MM，例如 2015-04。');
    expect(monthProblem('')).toBeNull();
  });

  it('hand a run too large for the document’s settings to the pane with its first issues', async () => {
    // Prepare
    const issues = Array.from({ length: 20_000 }, (_, i) => ({ sheet: '考勤', cell: `B${i + 2}`, severity: 'warning' as const, code: 'plan_missing', message: '缺少月度计划'.repeat(5) }));
    const stored: StoredOutcome = {
      at: '2015-05-02T02:00:00.000Z',
      view: 'issues',
      outcome: { action: 'validate', written: 'issues', runId: null, finalized: false, result: { ...compute(exampleGrids()), issues } },
    };
    const fake = FakeExcel.fromGrids([]);
    const office = installOffice(fake, hostByKey('excel2019'));
    const ribbon = documentChannel(Office.context.document.settings);

    // Act
    await ribbon.store(stored);

    // Assess
    expect(office.saved.size).toBe(1);
    expect(String([...office.saved.values()][0]).length).toBeLessThan(1_000_000);
    expect(ribbon.load()?.outcome.result.issues).toHaveLength(TRIMMED_ISSUES);
  });
});

describe('painting sheets through Office.js', () => {
  it('quotes the strings Excel would turn into numbers, dates or formulas', () => {
    // Act
    const written = ['2015-04', '=1+1', '-2', '+1.5', '1组', 'TRUE', '花桥街村', '扣2分', 12.5, true].map((v) => literal(v));

    // Assess
    expect(written).toEqual(["'2015-04", "'=1+1", "'-2", "'+1.5", "'1组", "'TRUE", '花桥街村', '扣2分', 12.5, true]);
  });

  it('draws a styled table as a few rectangles', () => {
    // Prepare
    const header = { bold: true, fill: '#D9E1F2' };
    const cells = [
      ...[1, 2, 3].map((column) => ({ row: 1, column, style: header })),
      ...Array.from({ length: 40 }, (_, r) => [1, 2, 3].map((column) => ({ row: r + 2, column, style: column === 3 ? { numberFormat: '0.00' } : {} }))).flat(),
    ];

    // Act
    const areas = styledAreas(cells);

    // Assess
    expect(areas).toEqual([
      { address: 'A1:C1', style: header },
      { address: 'C2:C41', style: { numberFormat: '0.00' } },
    ]);
  });
});

describe('the ribbon icons', () => {
  it('are RGBA PNGs of each size with a transparent corner and a white tick', () => {
    // Act
    const png = iconPng('validate', 32);

    // Assess
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([32, 32, 8, 6]);
    const idat = png.indexOf('IDAT');
    const pixels = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const at = (x: number, y: number) => [...pixels.subarray(y * 129 + 1 + x * 4, y * 129 + 1 + x * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(Math.round(0.43 * 32), Math.round(0.7 * 32) - 1)).toEqual([255, 255, 255, 255]);
  });
});
