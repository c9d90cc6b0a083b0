import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import type { AssessmentResult } from '../../functions/src/domain/types.js';
import { workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { writeResultSheets } from '../../functions/src/workbook/writeResults.js';
import { invalidResult, okResult } from './resultFixture.js';

/** A workbook with two input sheets, as the user hands it in. */
function inputWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('参数').addRows([
    ['参数', '值'],
    ['乡镇', '花桥街镇'],
  ]);
  workbook.addWorksheet('村').addRows([['村名'], ['花桥街村'], ['新田村']]);
  return workbook;
}

/** Writes the results and reads the saved .xlsx back, so assertions see what Excel would open. */
async function writeAndReload(workbook: ExcelJS.Workbook, ...results: AssessmentResult[]): Promise<ExcelJS.Workbook> {
  let current = workbook;
  for (const result of results) {
    writeResultSheets(current, result);
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(await current.xlsx.writeBuffer());
    current = reloaded;
  }
  return current;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const worksheet = workbook.getWorksheet(name);
  if (!worksheet) throw new Error(`missing sheet ${name}`);
  return worksheet;
}

const rowValues = (worksheet: ExcelJS.Worksheet, row: number): unknown[] =>
  (worksheet.getRow(row).values as unknown[]).slice(1);

interface ConditionalFormat {
  ref: string;
  rules: { type: string; operator?: string; formulae?: unknown[] }[];
}
/** ExcelJS keeps the sheet's conditional formats here but leaves them out of its typings. */
const conditionalFormats = (worksheet: ExcelJS.Worksheet): ConditionalFormat[] =>
  (worksheet as unknown as { conditionalFormattings: ConditionalFormat[] }).conditionalFormattings;

describe('writeResultSheets', () => {
  it('adds the seven result sheets after the input sheets and leaves the input values alone', async () => {
    // Prepare
    const workbook = inputWorkbook();
    const inputGrids = workbookToGrids(workbook);

    // Act
    const saved = await writeAndReload(workbook, okResult());

    // Assess
    expect(saved.worksheets.map((w) => w.name)).toEqual(['参数', '村', ...RESULT_SHEETS]);
    expect(workbookToGrids(saved).slice(0, 2)).toEqual(inputGrids);
  });

  it('writes 考核结果-村 with two header rows, scores, ranks and the group breakdown', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const ws = sheet(await writeAndReload(workbook, okResult()), '考核结果-村');

    // Assess
    expect(rowValues(ws, 1)).toEqual([
      '序号',
      '村名',
      '本月',
      '本月',
      '本月',
      '本月',
      '累计',
      '累计',
      '累计',
      '累计',
      '计生组',
      '计生组',
      '城建组',
      '城建组',
      '政法组',
      '政法组',
      '其他',
      '其他',
    ]);
    expect(rowValues(ws, 2).slice(2)).toEqual([
      '加分',
      '扣分',
      '得分',
      '排名',
      '加分',
      '扣分',
      '得分',
      '排名',
      ...Array<string[]>(4).fill(['本月加分', '本月扣分']).flat(),
    ]);
    expect(ws.getCell('A2').isMerged && ws.getCell('A2').master.address).toBe('A1');
    expect(rowValues(ws, 3)).toEqual([1, '花桥街村', 3, 1.5, 101.5, 1, 5, 2.25, 102.75, 2, 3, 1.5, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(ws, 4)).toEqual([2, '新田村', 0, 4, 96, 2, 8, 4, 104, 1, 0, 2, 0, 0, 0, 0, 0, 2]);
    expect(ws.getCell('E3').numFmt).toBe('0.00');
    expect(ws.getCell('F3').numFmt).toBe('0');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
  });

  it('marks the last and first village, red deductions and data bars of 月度得分 by conditional formats', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const ws = sheet(await writeAndReload(workbook, okResult()), '考核结果-村');

    // Assess
    const formats = conditionalFormats(ws).map((f) => ({ ref: f.ref, type: f.rules[0]?.type, formulae: f.rules[0]?.formulae }));
    expect(formats).toEqual([
      { ref: 'A3:R4', type: 'expression', formulae: ['$F3=MAX($F$3:$F$4)'] },
      { ref: 'A3:R4', type: 'expression', formulae: ['$F3=1'] },
      { ref: 'D3:D4 H3:H4 L3:L4 N3:N4 P3:P4 R3:R4', type: 'cellIs', formulae: ['0'] },
      { ref: 'E3:E4', type: 'dataBar', formulae: undefined },
    ]);
  });

  it('sets every sheet up for A4 printing with the header repeated on each page', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const saved = await writeAndReload(workbook, okResult());

    // Assess
    const setups = RESULT_SHEETS.map((name) => {
      const { paperSize, orientation, fitToPage, fitToWidth, fitToHeight, printTitlesRow } = sheet(saved, name).pageSetup;
      return { name, paperSize, orientation, fitToPage, fitToWidth, fitToHeight, printTitlesRow };
    });
    const landscape = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    expect(setups).toEqual([
      { name: '考核结果-村', ...landscape, printTitlesRow: '1:2' },
      { name: '考核结果-组', ...landscape, printTitlesRow: '1:1' },
      { name: '责任分解', ...landscape, orientation: 'portrait', printTitlesRow: '1:1' },
      { name: '经费发放', ...landscape, printTitlesRow: '1:1' },
      { name: '通报', ...landscape, orientation: 'portrait', printTitlesRow: undefined },
      { name: '村考核明细', ...landscape, orientation: 'portrait', printTitlesRow: undefined },
      { name: '校验问题', ...landscape, printTitlesRow: '1:1' },
    ]);
    expect(sheet(saved, '经费发放').headerFooter.oddHeader).toBe('&C&B花桥街镇2015年4月工作经费发放表');
  });

  it('writes 考核结果-组 with Chinese headers, percentages, money and 是/否', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const ws = sheet(await writeAndReload(workbook, okResult()), '考核结果-组');

    // Assess
    expect(rowValues(ws, 1)).toEqual([
      '组名',
      '组长',
      '督查得分',
      '计划项数',
      '计划完成率',
      '按时完成率',
      '月度得分',
      '缺签次数',
      '旷工天数',
      '组长扣款',
      '月度经费基数',
      '应发经费',
      '暂扣经费',
      '累计应发',
      '前进位次',
      '进类',
      '奖励',
      '全区末位',
      '评先评优资格',
    ]);
    expect(rowValues(ws, 2)).toEqual(['计生组', '王五', 95, 8, 0.875, 0.75, 95, 1, 2, 500, 0.1, 0.1, 0, 0.1, 6, '是', 20000, '否', '是']);
    expect(rowValues(ws, 4)).toEqual(['政法组', '吴七', undefined, 0, undefined, undefined, undefined, 0, 0, 0, 0.4, 0.4, 0, 0.4, -1, '否', 0, '是', '否']);
    expect(['C2', 'E2', 'J2', 'Q2'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.00', '0.00%', '"¥"#,##0.00', '"¥"#,##0.00']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
  });

  it('writes 责任分解 as four roles per village with month and year-to-date deductions', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const ws = sheet(await writeAndReload(workbook, okResult()), '责任分解');

    // Assess
    expect(rowValues(ws, 1)).toEqual(['村名', '岗位', '姓名', '本月扣分', '累计扣分']);
    expect(rowValues(ws, 2)).toEqual(['花桥街村', '支书', '赵一', 0.45, 0.45]);
    expect(rowValues(ws, 9)).toEqual(['新田村', '专干', undefined, 0, 0]);
    expect(ws.rowCount).toBe(9);
  });

  it('totals 经费发放 in whole fen, so 0.10 + 0.20 + 0.40 is exactly 0.70', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const ws = sheet(await writeAndReload(workbook, okResult()), '经费发放');

    // Assess
    expect(rowValues(ws, 1)).toEqual(['组名', '组长', '月度经费基数', '应发经费', '暂扣经费', '累计应发', '组长扣款', '奖励']);
    expect(rowValues(ws, 2)).toEqual(['计生组', '王五', 0.1, 0.1, 0, 0.1, 500, 20000]);
    expect(rowValues(ws, 5)).toEqual(['合计', undefined, 0.7, 0.69, 0.01, 0.7, 500, 20000]);
    expect(0.1 + 0.2 + 0.4).not.toBe(0.7);
    expect(ws.getCell('C5').numFmt).toBe('"¥"#,##0.00');
    expect(ws.getCell('A5').font.bold).toBe(true);
  });

  it('writes 通报 as a title row and one wrapped line per row on a wide column', async () => {
    // Prepare
    const workbook = inputWorkbook();
    const result = okResult();

    // Act
    const ws = sheet(await writeAndReload(workbook, result), '通报');

    // Assess
    expect(ws.getCell('A1').value).toBe('花桥街镇2015年4月目标管理考核通报');
    expect([ws.getCell('A2').value, ws.getCell('A3').value]).toEqual(result.bulletin);
    expect(ws.getCell('A3').alignment.wrapText).toBe(true);
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(80);
    expect(ws.getCell('A3').alignment.horizontal).toBe('left');
    expect(ws.pageSetup.horizontalCentered ?? false).toBe(false);
    // The three-times-repeated line needs two printed lines.
    expect(ws.getRow(3).height).toBeGreaterThan(30);
  });

  it('prints the title of 通报 once when the bulletin starts with it', async () => {
    // Prepare
    const result = okResult();
    result.bulletin = ['花桥街镇2015年4月目标管理考核通报', ...result.bulletin];

    // Act
    const ws = sheet(await writeAndReload(inputWorkbook(), result), '通报');

    // Assess
    expect([1, 2, 3, 4].map((row) => ws.getCell(row, 1).value)).toEqual([
      '花桥街镇2015年4月目标管理考核通报',
      ...result.bulletin.slice(1),
      null,
    ]);
  });

  it('lists the issues in 校验问题 with 错误/警告, or a single row 未发现问题', async () => {
    // Prepare
    const withIssues = inputWorkbook();
    const clean = inputWorkbook();

    // Act
    const listed = sheet(await writeAndReload(withIssues, okResult()), '校验问题');
    const none = sheet(await writeAndReload(clean, { ...okResult(), issues: [] }), '校验问题');

    // Assess
    expect(rowValues(listed, 1)).toEqual(['工作表', '单元格', '级别', '代码', '说明']);
    expect(rowValues(listed, 2)).toEqual(['请假', 'G3', '警告', 'leave_invalid', '组长审批「李四」不是申请人所在组的组长「王五」']);
    expect(none.getCell('A2').value).toBe('未发现问题');
    expect(none.rowCount).toBe(2);
  });

  it('titles 校验问题 without the period parts an invalid result lacks', async () => {
    // Prepare
    const result = { ...invalidResult(), town: null, year: null, month: null };

    // Act
    const ws = sheet(await writeAndReload(inputWorkbook(), result), '校验问题');

    // Assess
    expect(ws.headerFooter.oddHeader).toBe('&C&B考核数据校验问题');
  });

  it('replaces only 校验问题 for an invalid result and keeps the previous results', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    const saved = await writeAndReload(workbook, okResult(), invalidResult());

    // Assess
    expect(saved.worksheets.map((w) => w.name)).toEqual(['参数', '村', ...RESULT_SHEETS]);
    expect(sheet(saved, '考核结果-村').getCell('B3').value).toBe('花桥街村');
    expect(rowValues(sheet(saved, '校验问题'), 2)).toEqual([
      '对村考核',
      'B5',
      '错误',
      'unknown_village',
      '村名「花桥村」不存在，是否为「花桥街村」？',
    ]);
    expect(sheet(saved, '校验问题').rowCount).toBe(2);
  });

  it('replaces earlier result sheets on a second run without leaving duplicates', async () => {
    // Prepare
    const workbook = inputWorkbook();
    const second = { ...okResult(), town: '花桥镇' };

    // Act
    const saved = await writeAndReload(workbook, okResult(), second);

    // Assess
    expect(saved.worksheets.map((w) => w.name)).toEqual(['参数', '村', ...RESULT_SHEETS]);
    expect(sheet(saved, '通报').getCell('A1').value).toBe('花桥镇2015年4月目标管理考核通报');
    expect(RESULT_SHEETS.map((name) => sheet(saved, name).pageSetup.printTitlesRow)).toEqual(['1:2', '1:1', '1:1', '1:1', undefined, undefined, '1:1']);
    expect(conditionalFormats(sheet(saved, '考核结果-村'))).toHaveLength(4);
  });

  it('also opens a loaded workbook whose file has no window settings on the results', async () => {
    // Prepare
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(await inputWorkbook().xlsx.writeBuffer());

    // Act
    const saved = await writeAndReload(loaded, okResult());

    // Assess
    expect(saved.views[0]?.activeTab).toBe(2);
  });

  it('opens the workbook on the first written sheet with no other tab selected', () => {
    // Prepare
    const workbook = inputWorkbook();
    workbook.getWorksheet('参数')!.views = [{ state: 'normal', tabSelected: true } as Partial<ExcelJS.WorksheetView>];

    // Act
    writeResultSheets(workbook, okResult());

    // Assess
    const selected = workbook.worksheets.filter((w) => (w.views?.[0] as { tabSelected?: boolean } | undefined)?.tabSelected);
    expect(workbook.views[0]?.activeTab).toBe(2);
    expect(selected.map((w) => w.name)).toEqual(['考核结果-村']);
  });
});

describe('村考核明细', () => {
  /** The rows of the statement sheet's eight columns as text, `|`-joined cells without trailing blanks; a merged cell shows once. */
  const lines = (ws: ExcelJS.Worksheet): string[] =>
    Array.from({ length: ws.rowCount }, (_, i) =>
      Array.from({ length: 8 }, (_, c) => ws.getCell(i + 1, c + 1))
        .filter((cell) => cell.master.address === cell.address)
        .map((cell) => (cell.value === null || cell.value === undefined ? '' : String(cell.value)))
        .join('|')
        .replace(/\|+$/u, ''),
    );

  it('gives each village, in 村 order, a block with its title, figures, entries, roles, month scores and a signature line', async () => {
    // Act
    const ws = sheet(await writeAndReload(inputWorkbook(), okResult()), '村考核明细');

    // Assess
    const text = lines(ws);
    const titles = text.map((l, i) => [l, i + 1] as const).filter(([l]) => l.endsWith('目标管理考核明细'));
    expect(titles.map(([l]) => l)).toEqual(['花桥街镇2015年4月 花桥街村 目标管理考核明细', '花桥街镇2015年4月 新田村 目标管理考核明细']);
    expect(text).toContain('3|1.5|101.5|1|5|2.25|102.75|2');
    expect(text).toContain('2015-04-08|计生组|JS-02|流动人口管理|-1.5|流动人口台账未及时更新，漏登 3 户|专干|维持');
    expect(text).toContain('2015-04-09|计生组|JS-02|流动人口管理|-2|未按时上报计生月报表||改为 -2（原 -3）');
    expect(text).toContain('2015-04-12|问责：钱二慢作为|2|计生报表迟报');
    expect(text).toContain('本月无问责及财务扣分。');
    expect(text).toContain('姓名|赵一|钱二|孙三|李四');
    expect(text).toContain('本月扣分|0.45|0.3|0.3|0.45');
    expect(text).toContain('4月|96|96');
    expect(text.filter((l) => l.startsWith('村（居）签收：'))).toHaveLength(2);
    // The figures print as points; the trend's bar cells hide their number behind the bar.
    expect(ws.getCell(titles[0]![1] + 2, 3).numFmt).toBe('0.00');
    const firstTrend = text.indexOf('1月|100.5|100.5') + 1;
    expect(ws.getCell(firstTrend, 3).numFmt).toBe(';;;');
    expect(conditionalFormats(ws).map((c) => [c.ref, c.rules[0]!.type])).toEqual([
      [`C${firstTrend}:C${firstTrend + 3}`, 'dataBar'],
      [`C${text.indexOf('1月|104|104') + 1}:C${text.indexOf('4月|96|96') + 1}`, 'dataBar'],
    ]);
  });

  it('prints on A4 portrait one page wide, with a page break before every village but the first', async () => {
    // Prepare
    const workbook = inputWorkbook();

    // Act
    writeResultSheets(workbook, okResult());
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());

    // Assess
    const ws = sheet(workbook, '村考核明细');
    const text = lines(ws);
    const second = text.findIndex((l) => l.includes('新田村 目标管理考核明细')) + 1;
    const index = workbook.worksheets.indexOf(ws) + 1;
    // ExcelJS does not read breaks back: the file's XML is what Excel and LibreOffice see.
    const xml = await zip.file(`xl/worksheets/sheet${index}.xml`)!.async('string');
    expect([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/gu)].map((m) => Number(m[1]))).toEqual([second - 1]);
    expect(text[second - 2]).toMatch(/^村（居）签收：/u);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddHeader).toBe('&C&B花桥街镇2015年4月村（居）目标管理考核明细');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });
});
