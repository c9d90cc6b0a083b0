import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runRibbonCommand, type RibbonDeps } from '../../addin/src/commands/ribbon.js';
import type { RunOutcome } from '../../addin/src/common/assessment.js';
import { officeWorkbook } from '../../addin/src/workbook/officeWorkbook.js';
import { type Block, estimateCellBytes, planSyncs } from '../../addin/src/workbook/payload.js';
import { readWorkbook } from '../../addin/src/workbook/readWorkbook.js';
import { addMissingInputSheets, selectCell } from '../../addin/src/workbook/writeSheets.js';
import { compute } from '../../functions/src/domain/index.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { worksheetToGrid } from '../../functions/src/workbook/readWorkbook.js';
import { writeResultSheets } from '../../functions/src/workbook/writeResults.js';
import { plantMistakes } from '../../scripts/exampleWorkbook.js';
import { buildTemplateWorkbook } from '../../scripts/templateWorkbook.js';
import { syntheticTown } from '../../bench/syntheticTown.js';
import { FakeExcel, LIMIT_BYTES } from './excelFake.js';
import { engineApi, exampleGrids, installOffice, networkDown } from './officeHarness.js';

/** Deps of a ribbon command on the fake, recording what the user would see. */
function ribbonDeps(api = engineApi()) {
  const notices: { title: string; message: string }[] = [];
  const shown: RunOutcome[] = [];
  const deps: RibbonDeps = {
    port: officeWorkbook(),
    api,
    settings: { town: '', month: '' },
    notify: async (title, message) => void notices.push({ title, message }),
    handOver: async (outcome, open) => void (open && shown.push(outcome)),
  };
  return { deps, notices, shown, api };
}

function commandEvent() {
  const event = { completedCalls: 0, completed: () => void event.completedCalls++ };
  return event;
}

/** The example with its score sheets grown to `rows` rows in all (each row a distinct, valid entry). */
function largeExample(rows: number): Grid[] {
  const grids = exampleGrids();
  const scores = grids.filter((g) => g.name.startsWith('对村考核-'));
  const existing = scores.reduce((sum, g) => sum + g.values.length - 2, 0);
  const target = scores[0]!;
  const entries = target.values.slice(2);
  for (let i = 0; target.values.length - 2 + existing - entries.length < rows; i++) {
    const row = [...entries[i % entries.length]!];
    // A distinct reason keeps every row from being a duplicate entry.
    row[4] = `${String(row[4])}（复查第${i + 1}次）`;
    target.values.push(row);
  }
  return grids;
}

/** What writeResultSheets lays out for `grids`, sheet by sheet, as values. */
function expectedResultValues(grids: Grid[]): Map<string, unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  writeResultSheets(workbook, compute(grids));
  return new Map(workbook.worksheets.map((ws) => [ws.name, worksheetToGrid(ws).values]));
}

describe('the Excel fake', () => {
  it('refuses to show values that were not loaded and synced', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids([{ name: '村', origin: 'A1', values: [['村名'], ['花桥街村']] }]);
    installOffice(fake);

    // Act
    const read = Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('村').getRange('A1:A2').load('values');
      return range.values;
    });

    // Assess
    await expect(read).rejects.toThrow('PropertyNotLoaded');
  });
});

describe('read planning', () => {
  it('estimates the bytes of a cell from rows already read, with a margin and a floor', () => {
    // Prepare
    const rows = [['村名', '支书'], ['花桥村', 42008]];

    // Act
    const estimate = estimateCellBytes(rows);
    const empty = estimateCellBytes([['', '']]);

    // Assess
    expect(estimate).toBe(16); // 41 bytes of JSON for 4 cells, × 1.5
    expect(empty).toBe(12);
  });

  it('fills each sync up with the first rows of the next sheet, none over the budget', () => {
    // Prepare
    const blocks: Block[] = [
      { sheet: '村', rowIndex: 0, columnIndex: 0, rowCount: 10, columnCount: 2, cellBytes: 10 },
      { sheet: '考勤', rowIndex: 2, columnIndex: 1, rowCount: 5, columnCount: 4, cellBytes: 10 },
    ];

    // Act
    const plan = planSyncs(blocks, 300);

    // Assess
    expect(plan).toEqual([
      [blocks[0], { ...blocks[1], rowCount: 2 }],
      [{ ...blocks[1], rowIndex: 4, rowCount: 3 }],
    ]);
  });
});

describe('readWorkbook', () => {
  beforeEach(() => undefined);

  it('reads the recognised sheets of the example in 3 syncs, values only, as the engine reads the file', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids([...grids, { name: '备忘', origin: 'A1', values: [['随手记'], ['周五开会']] }]);
    installOffice(fake);

    // Act
    const snapshot = await readWorkbook();

    // Assess
    expect(fake.syncs).toHaveLength(3);
    expect(fake.runOptions).toEqual([{ delayForCellEdit: true }]);
    expect(new Set(snapshot.grids.map((g) => g.name))).toEqual(new Set(grids.map((g) => g.name)));
    expect(snapshot.sheetNames).toEqual([...grids.map((g) => g.name), '备忘']);
    expect(compute(snapshot.grids)).toEqual(compute(grids));
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
  });

  it('reads a sheet recognised by its header row under any name, and skips result sheets', async () => {
    // Prepare
    const grids = exampleGrids().map((g) => (g.name === '考勤' ? { ...g, name: '三月查岗记录' } : g));
    const fake = FakeExcel.fromGrids([...grids, { name: '通报', origin: 'A1', values: [['旧通报']] }]);
    installOffice(fake);

    // Act
    const snapshot = await readWorkbook();

    // Assess
    const names = new Set(snapshot.grids.map((g) => g.name));
    expect(names.has('三月查岗记录')).toBe(true);
    expect(names.has('通报')).toBe(false);
  });

  it('reads 20 000 score rows in chunks, no request or response over 5 MB', async () => {
    // Prepare
    const grids = largeExample(20_000);
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);

    // Act
    const snapshot = await readWorkbook();

    // Assess
    const rows = snapshot.grids.filter((g) => g.name.startsWith('对村考核-')).reduce((sum, g) => sum + g.values.length, 0);
    expect(rows).toBe(20_000 + 2 * 5);
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
    expect(fake.maxBytes).toBeLessThanOrEqual(LIMIT_BYTES);
    expect(compute(snapshot.grids).villages).toEqual(compute(grids).villages);
  });

  it('reads a sheet of long Chinese text in every cell in syncs under 5 MB, planned from its first rows', async () => {
    // Prepare
    const grids = exampleGrids();
    const scores = grids.find((g) => g.name === '对村考核-计生组')!;
    const text = '村两委未按时上报计生台账'.repeat(10);
    const [banner, header] = scores.values;
    // 2 500 rows of 7 cells of 120 characters: 6.4 MB, and 360 bytes a cell from the first rows on.
    scores.values = [banner!, header!, ...Array.from({ length: 2500 }, (_, i) => header!.map(() => `${text}${i}`))];
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);

    // Act
    const snapshot = await readWorkbook();

    // Assess
    expect(new TextEncoder().encode(JSON.stringify(scores.values)).length).toBeGreaterThan(LIMIT_BYTES);
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
    expect(fake.maxBytes).toBeLessThanOrEqual(LIMIT_BYTES);
    expect(fake.syncs).toHaveLength(4);
    const read = snapshot.grids.filter((g) => g.name === '对村考核-计生组').flatMap((g) => g.values);
    expect(read).toEqual(scores.values);
  });

  it('reads again in halves when Excel refuses a response for its size', async () => {
    // Prepare
    const grids = exampleGrids();
    const scores = grids.find((g) => g.name === '对村考核-计生组')!;
    const entry = scores.values[2]!;
    // 3 000 reasons of 600 characters: one planned read of ~5.5 MB.
    for (let i = 0; i < 3000; i++) scores.values.push([...entry.slice(0, 4), `${'村两委未按时上报计生台账'.repeat(50)}${i}`, ...entry.slice(5)]);
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);

    // Act
    const snapshot = await readWorkbook();

    // Assess
    expect(fake.syncs.filter((s) => s.error !== null).map((s) => s.error)).toEqual(['ResponsePayloadSizeLimitExceeded']);
    expect(fake.syncs.filter((s) => s.error === null).every((s) => s.responseBytes <= LIMIT_BYTES)).toBe(true);
    const read = snapshot.grids.filter((g) => g.name === '对村考核-计生组').flatMap((g) => g.values);
    expect(read).toEqual(scores.values);
  });
});

describe('计算考核 on the ribbon', () => {
  it('reads, computes and writes every result sheet of the example in at most 7 syncs', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const inputsBefore = grids.map((g) => [g.name, fake.values(g.name)]);
    const { deps, notices, shown } = ribbonDeps();
    const event = commandEvent();

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess: 3 to read; to write, 1 for the checks, 1 for repairs and the probe, 1 to draw, 1 to swap.
    expect(fake.syncs.length).toBeLessThanOrEqual(7);
    expect(event.completedCalls).toBe(1);
    expect(notices).toEqual([]);
    expect(shown).toEqual([]);
    expect(fake.sheets.map((s) => s.name)).toEqual([...grids.map((g) => g.name), ...RESULT_SHEETS]);
    expect(fake.sheets.every((s) => s.visibility === 'Visible')).toBe(true);
    expect(fake.activeSheet).toBe('考核结果-村');
    expect(grids.map((g) => [g.name, fake.values(g.name)])).toEqual(inputsBefore);
    for (const [name, values] of expectedResultValues(grids)) expect(fake.values(name)).toEqual(values);
    expect(fake.sheets.flatMap((s) => [...s.formulas])).toEqual([]);
  });

  it('draws the village sheet with formats, widths, highlights and a bar chart of the month scores', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const villages = compute(grids).villages.length;

    // Act
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);

    // Assess
    const sheet = fake.sheet('考核结果-村')!;
    const last = 2 + villages;
    expect(sheet.merges).toContain('C1:F1');
    expect(sheet.numberFormats.get('2,4')).toBe('0.00');
    expect(sheet.log.some((e) => e.path === 'format.columnWidth' && e.address === 'B:B')).toBe(true);
    const formats = fake.conditionalFormats('考核结果-村');
    expect(formats).toContainEqual({
      address: `D3:D${last}`,
      type: 'CellValue',
      settings: { 'cellValue.rule': { formula1: '=0', operator: 'GreaterThan' }, 'cellValue.format.font.color': '#C00000', 'cellValue.format.font.bold': true },
    });
    expect(formats).toContainEqual({
      address: `A3:${sheet.log.find((e) => e.path.endsWith('custom.rule.formula'))!.address!.split(':')[1]}`,
      type: 'Custom',
      settings: { 'custom.rule.formula': `=$F3=MAX($F$3:$F$${last})`, 'custom.format.fill.color': '#FFC7CE' },
    });
    const [chart] = fake.charts('考核结果-村');
    expect(chart?.type).toBe('BarClustered');
    expect(chart?.address).toBe(`E3:E${last}`);
    expect(Object.values(chart?.settings ?? {})).toContainEqual([{ address: `B3:B${last}` }]);
    expect(chart?.settings['title.text']).toBe('本月得分');
  });

  it('draws 村考核明细 one village per page, one page wide, with a column chart of each village\'s month scores', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const result = compute(grids);

    // Act
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);

    // Assess
    const sheet = fake.sheet('村考核明细')!;
    const titles = [...sheet.cells.entries()].filter(([, v]) => typeof v === 'string' && v.endsWith('目标管理考核明细')).map(([k, v]) => [Number(k.split(',')[0]) + 1, v]);
    expect(titles.map(([, v]) => v)).toEqual(result.villages.map((v) => `花桥街镇2015年4月 ${v.village} 目标管理考核明细`));
    const breaks = sheet.log.filter((e) => e.path.startsWith('horizontalPageBreaks.add#')).map((e) => e.value);
    // A break above every village's title but the first.
    expect(breaks).toEqual(titles.slice(1).map(([row]) => [`A${row}`]));
    expect(sheet.log.find((e) => e.path === 'pageLayout.zoom')?.value).toEqual({ horizontalFitToPages: 1 });
    const charts = fake.charts('村考核明细');
    expect(charts).toHaveLength(result.villages.length);
    expect(charts.every((c) => c.type === 'ColumnClustered' && c.settings['title.text'] === '月度得分')).toBe(true);
    // The first village's chart plots its 4 month scores, labelled 1月–4月.
    const first = charts[0]!;
    const [from, to] = first.address.split(':').map((a) => Number(a.slice(1)));
    expect(first.address).toMatch(/^B\d+:B\d+$/);
    expect(Array.from({ length: to! - from! + 1 }, (_, i) => fake.values('村考核明细')[from! - 1 + i]![1])).toEqual(result.statements[0]!.monthScores);
    expect(Array.from({ length: to! - from! + 1 }, (_, i) => fake.values('村考核明细')[from! - 1 + i]![0])).toEqual(['1月', '2月', '3月', '4月']);
  });

    it('computes a workbook of 20 000 score rows in at most 11 syncs, none over 5 MB', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(largeExample(20_000));
    installOffice(fake);
    const { deps, notices } = ribbonDeps();

    // Act
    await runRibbonCommand('compute', commandEvent(), deps);

    // Assess
    expect(notices).toEqual([]);
    expect(fake.syncs.length).toBeLessThanOrEqual(11);
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
    expect(fake.maxBytes).toBeLessThanOrEqual(LIMIT_BYTES);
    expect(fake.sheet('考核结果-村')).toBeDefined();
  });

  it('writes a 村考核明细 of 300 villages and 12 000 entries in requests under 5 MB, counting every styling command', async () => {
    // Prepare: one month, so every entry is on the statement sheet, each row a bordered area
    const size = { id: 'many-villages', villages: 300, groups: 6, staff: 60, scores: 12_000, attendance: 60, plans: 60, months: 1 };
    const fake = FakeExcel.fromGrids(syntheticTown(size));
    installOffice(fake);
    const { deps, notices } = ribbonDeps();

    // Act
    await runRibbonCommand('compute', commandEvent(), deps);

    // Assess
    expect(notices).toEqual([]);
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
    expect(fake.maxBytes).toBeLessThanOrEqual(LIMIT_BYTES);
    expect(fake.values('村考核明细').length).toBeGreaterThan(12_000);
  });

  it('leaves every sheet as it was when the API cannot be reached, and says so in Chinese', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);
    const before = fake.snapshot();
    const { deps, notices } = ribbonDeps(engineApi(networkDown()));
    const event = commandEvent();

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(fake.snapshot()).toEqual(before);
    expect(event.completedCalls).toBe(1);
    expect(notices).toEqual([
      { title: '无法连接考核服务', message: '无法连接考核服务（https://localhost:3000），请检查网络或在设置中核对服务地址。' },
    ]);
  });

  it('writes only 校验问题 for a broken workbook, keeps the previous results and opens the issue list', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);
    const previous = fake.values('考核结果-村');
    const broken = exampleGrids((wb) => void plantMistakes(wb));
    for (const grid of broken.filter((g) => g.name === '对村考核-政法组' || g.name === '组督查')) {
      fake.sheet(grid.name)!.cells.clear();
      FakeExcel.fromGrids([grid]).sheets[0]!.cells.forEach((v, k) => fake.sheet(grid.name)!.cells.set(k, v));
    }
    const { deps, shown } = ribbonDeps();

    // Act
    await runRibbonCommand('compute', commandEvent(), deps);

    // Assess
    expect(shown).toHaveLength(1);
    expect(shown[0]!.result.status).toBe('invalid');
    expect(fake.values('考核结果-村')).toEqual(previous);
    const issues = fake.values('校验问题');
    expect(issues[0]).toEqual(['工作表', '单元格', '级别', '代码', '说明']);
    expect(issues.slice(1).map((r) => r[3])).toEqual(expect.arrayContaining(['unknown_village', 'out_of_range']));
    expect(fake.activeSheet).toBe('校验问题');
  });

  it('keeps the previous results when writing the new ones fails midway, and leaves no half-drawn sheet', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);
    const before = fake.snapshot();
    fake.failWhen = (command) => JSON.stringify(command).includes('conditionalFormats');
    const { deps, notices } = ribbonDeps();

    // Act
    await runRibbonCommand('compute', commandEvent(), deps);

    // Assess
    expect(fake.snapshot()).toEqual(before);
    expect(notices).toEqual([
      {
        title: '写入结果未完成',
        message:
          '写入结果工作表时 Excel 报错（GeneralException）。保持上次的结果：考核结果-村、考核结果-组、责任分解、经费发放、通报、村考核明细、校验问题。' +
          '结果工作表均未改动。请稍后重新运行。',
      },
    ]);
  });

  it('replaces the results of an earlier run without leaving extra sheets', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);
    const names = fake.sheets.map((s) => s.name);
    const first = fake.values('经费发放');

    // Act
    await runRibbonCommand('compute', commandEvent(), ribbonDeps().deps);

    // Assess
    expect(fake.sheets.map((s) => s.name)).toEqual(names);
    expect(fake.values('经费发放')).toEqual(first);
  });
});

describe('校验 on the ribbon', () => {
  it('writes only 校验问题 and hands the issues to the pane', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const { deps, shown, api } = ribbonDeps();

    // Act
    await runRibbonCommand('validate', commandEvent(), deps);

    // Assess
    expect(api.calls).toEqual(['validate']);
    expect(fake.sheets.map((s) => s.name)).toEqual([...grids.map((g) => g.name), '校验问题']);
    expect(shown.map((o) => o.written)).toEqual(['issues']);
  });

  it('writes a 校验问题 sheet of 20 000 issues in requests under 5 MB', async () => {
    // Prepare
    const grids = exampleGrids();
    const scores = grids.find((g) => g.name === '对村考核-计生组')!;
    const entry = scores.values[2]!;
    // Every copy of one entry is a duplicate_entry warning.
    for (let i = 0; i < 20_000; i++) scores.values.push([...entry]);
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const issues = compute(grids).issues.length;

    // Act
    await runRibbonCommand('validate', commandEvent(), ribbonDeps().deps);

    // Assess
    expect(issues).toBeGreaterThan(20_000);
    expect(fake.values('校验问题')).toHaveLength(issues + 1);
    expect(fake.syncs.every((s) => s.error === null)).toBe(true);
    expect(fake.maxBytes).toBeLessThanOrEqual(LIMIT_BYTES);
  });
});

describe('selectCell', () => {
  it('opens the sheet of an issue and selects its cell', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);

    // Act
    const found = await selectCell('对村考核-政法组', 'B7');
    const missing = await selectCell('不存在的表', 'A1');

    // Assess
    expect(found).toBe(true);
    expect(missing).toBe(false);
    expect(fake.selection).toEqual({ sheet: '对村考核-政法组', address: 'B7' });
    expect(fake.activeSheet).toBe('对村考核-政法组');
  });
});

describe('初始化模板', () => {
  it('adds the missing input sheets with headers and dropdowns and leaves the present ones alone', async () => {
    // Prepare
    const grids = exampleGrids().filter((g) => ['参数', '村', '对村考核-计生组'].includes(g.name));
    const fake = FakeExcel.fromGrids(grids);
    installOffice(fake);
    const before = grids.map((g) => fake.values(g.name));

    // Act
    const added = await addMissingInputSheets(buildTemplateWorkbook());

    // Assess
    expect(added).toEqual(['组别', '人员', '考核细则', '考勤', '请假', '月度计划', '组督查', '问责', '村级财务', '民调', '申诉']);
    expect(grids.map((g) => fake.values(g.name))).toEqual(before);
    expect(fake.values('组别')[0]).toEqual(['组名', '组长', '年度工作经费', '区级考核项目', '上年全区排名', '本年全区排名', '参评单位数', '上年类别', '本年类别']);
    const leader = fake.sheet('组别')!.log.find((e) => e.path === 'dataValidation.rule' && e.address === 'B2:B5000');
    expect(leader?.value).toEqual({ list: { inCellDropDown: true, source: "='人员'!$A$2:$A$500" } });
    const classes = fake.sheet('组别')!.log.find((e) => e.path === 'dataValidation.rule' && e.address === 'H2:H5000');
    expect(classes?.value).toEqual({ list: { inCellDropDown: true, source: '一类,二类,三类,四类' } });
    expect(fake.activeSheet).toBe('组别');
  });
});
