import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PARAM_DEFAULTS, TABLES, VILLAGE_ROLES } from '../../functions/src/domain/tables.js';
import { MISTAKE_CODES, buildExampleWorkbook, plantMistakes } from '../../scripts/exampleWorkbook.js';
import { buildTemplateWorkbook } from '../../scripts/templateWorkbook.js';

type Cell = ExcelJS.CellValue;
type Fields = Record<string, Cell>;

/** A cell's own value; the other cells of a merged range read as empty. */
function own(cell: ExcelJS.Cell): Cell {
  return cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
}

/** Data rows of a sheet keyed by header: the header row is the first row with two or more cells. */
function records(sheet: ExcelJS.Worksheet): Fields[] {
  let headers: string[] | null = null;
  const rows: Fields[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells = Array.from({ length: sheet.columnCount }, (_, c) => own(sheet.getCell(r, c + 1)));
    if (!headers) {
      if (cells.filter((v) => v !== null && v !== '').length >= 2) headers = cells.map((v) => String(v ?? ''));
      continue;
    }
    if (cells[0] === '合计') break;
    if (cells.every((v) => v === null)) continue;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? null])));
  }
  return rows;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`missing sheet ${name}`);
  return found;
}

/** Every sheet's name and cell values, dates as ISO text, for comparing builds. */
const contents = (workbook: ExcelJS.Workbook): string =>
  JSON.stringify(workbook.worksheets.map((s) => [s.name, s.getSheetValues()]));

const scoreSheets = (workbook: ExcelJS.Workbook) => workbook.worksheets.filter((s) => s.name.startsWith('对村考核-'));

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load(await workbook.xlsx.writeBuffer());
  return loaded;
}

describe('buildExampleWorkbook', () => {
  it('builds the same sheets every time', () => {
    // Prepare
    const first = buildExampleWorkbook();

    // Act
    const second = buildExampleWorkbook();

    // Assess
    expect(contents(second)).toBe(contents(first));
    expect(first.worksheets.map((s) => s.name)).toEqual([
      '参数', '组别', '人员', '村', '考核细则',
      '对村考核-计生组', '对村考核-政法组', '对村考核-城建组', '对村考核-民政组', '对村考核-效能建设组',
      '考勤', '请假', '月度计划', '组督查', '问责', '村级财务', '民调', '申诉',
    ]);
  });

  it('matches the committed examples/花桥街镇-2015.xlsx', async () => {
    // Prepare
    const path = fileURLToPath(new URL('../../examples/花桥街镇-2015.xlsx', import.meta.url));
    const committed = new ExcelJS.Workbook();

    // Act
    await committed.xlsx.readFile(path);
    const fresh = await roundTrip(buildExampleWorkbook());

    // Assess
    expect(contents(committed)).toBe(contents(fresh));
    expect((await stat(path)).size).toBeLessThan(1024 * 1024);
  });

  it('sets 参数 for 花桥街镇, April 2015, with every key of PARAM_DEFAULTS', () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const params = Object.fromEntries(records(sheet(workbook, '参数')).map((r) => [r['参数'], r['值']]));

    // Assess
    expect(Object.keys(params)).toEqual(Object.keys(PARAM_DEFAULTS));
    expect(params).toMatchObject({ 乡镇: '花桥街镇', 年度: 2015, 考核月份: '2015-04', 计划完成率权重: 0.2, 迟到早退折算旷工次数: 3, 财务违规扣分: 1 });
  });

  it('holds a town of realistic size', () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const count = (name: string) => records(sheet(workbook, name)).length;
    const scoreRows = scoreSheets(workbook).reduce((sum, s) => sum + records(s).length, 0);

    // Assess
    expect(count('村')).toBeGreaterThanOrEqual(12);
    expect(records(sheet(workbook, '组别')).map((r) => r['组名'])).toEqual(['计生组', '政法组', '城建组', '民政组', '效能建设组']);
    expect(count('人员')).toBeGreaterThanOrEqual(40);
    expect(count('考核细则')).toBeGreaterThanOrEqual(30);
    expect(scoreRows).toBeGreaterThanOrEqual(300);
    expect(count('考勤')).toBeGreaterThanOrEqual(300);
    expect(count('请假')).toBeGreaterThanOrEqual(10);
    expect(count('月度计划')).toBeGreaterThanOrEqual(300);
    expect(count('组督查')).toBe(20);
    expect(count('问责')).toBeGreaterThanOrEqual(3);
    expect(count('村级财务')).toBeGreaterThanOrEqual(100);
    expect(count('民调')).toBeGreaterThanOrEqual(count('村'));
  });

  it('covers every attendance result and check method', () => {
    // Prepare
    const rows = records(sheet(buildExampleWorkbook(), '考勤'));

    // Act
    const results = new Set(rows.map((r) => r['结果']));
    const methods = new Set(rows.map((r) => r['检查方式']));

    // Assess
    expect([...results].sort()).toEqual(['请假', '在岗', '旷工', '迟到', '早退', '缺签', '脱岗'].sort());
    expect([...methods].sort()).toEqual(['不定时抽查', '定时查岗', '节假日值班'].sort());
  });

  it('makes every group 组长 a 人员 of that group and keeps shared names apart by 工号', () => {
    // Prepare
    const workbook = buildExampleWorkbook();
    const staff = records(sheet(workbook, '人员'));

    // Act
    const groups = records(sheet(workbook, '组别'));
    const shared = staff.filter((p) => staff.filter((q) => q['姓名'] === p['姓名']).length > 1);

    // Assess
    for (const g of groups) {
      expect(staff.some((p) => p['姓名'] === g['组长'] && p['所在组'] === g['组名'])).toBe(true);
    }
    expect(shared.length).toBe(2);
    expect(new Set(shared.map((p) => p['工号'])).size).toBe(2);
    expect(staff.filter((p) => p['所在组'] === null).map((p) => p['职务']).sort()).toEqual(['书记', '镇长'].sort());
  });

  it('tells the seed: 计生组 advances to 二类, one group is last in the district, a budget leaves fen over', () => {
    // Prepare
    const groups = records(sheet(buildExampleWorkbook(), '组别'));

    // Act
    const family = groups.find((g) => g['组名'] === '计生组');
    const last = groups.filter((g) => g['本年全区排名'] !== null && g['本年全区排名'] === g['参评单位数']);
    const uneven = groups.filter((g) => Math.round(Number(g['年度工作经费（元）']) * 100) % 12 !== 0);

    // Assess
    expect(family).toMatchObject({ 区级考核项目: '计划生育', 上年全区排名: 15, 本年全区排名: 9, 参评单位数: 20, 上年类别: '三类', 本年类别: '二类' });
    expect(last.length).toBe(1);
    expect(uneven.length).toBeGreaterThanOrEqual(1);
  });

  it('scores only known villages with rules of the sheet’s own group, each with a reason', () => {
    // Prepare
    const workbook = buildExampleWorkbook();
    const villages = new Map(records(sheet(workbook, '村')).map((v) => [v['村名'], v]));
    const rules = new Map(records(sheet(workbook, '考核细则')).map((r) => [r['编号'], r]));

    // Act
    const entries = scoreSheets(workbook).flatMap((s) => records(s).map((row) => ({ group: s.name.slice('对村考核-'.length), row })));

    // Assess
    for (const { group, row } of entries) {
      const village = villages.get(row['村']);
      expect(village).toBeDefined();
      expect(rules.get(row['细则编号'])?.['考核组']).toBe(group);
      expect(String(row['原因'] ?? '')).not.toBe('');
      expect(row['加减分']).not.toBe(0);
      const cadres = ['村支书', '村主任', '秘书', '计生专干'].map((header) => village?.[header]);
      if (row['责任人'] !== null) expect([...VILLAGE_ROLES, ...cadres]).toContain(row['责任人']);
    }
    expect(entries.filter((e) => typeof e.row['加减分'] === 'string').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => typeof e.row['日期'] === 'string').length).toBeGreaterThanOrEqual(2);
  });

  it('puts a banner above the header of the 村 sheet and freezes every header row', () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const villages = sheet(workbook, '村');

    // Assess
    expect(villages.getCell('A1').value).toBe('花桥街镇各村（居）委会干部及驻村领导名册');
    expect(villages.getCell('A1').isMerged).toBe(true);
    expect(villages.getCell('A2').value).toBe('村名');
    expect(villages.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    for (const s of workbook.worksheets) expect(s.views[0]?.state).toBe('frozen');
  });
});

describe('plantMistakes', () => {
  it('plants the five mistakes at cells that hold the planted values', () => {
    // Prepare
    const workbook = buildExampleWorkbook();
    const original = buildExampleWorkbook();

    // Act
    const mistakes = plantMistakes(workbook);

    // Assess
    const at = (wb: ExcelJS.Workbook, i: number) => {
      const m = mistakes[i]!;
      return sheet(wb, m.sheet).getCell(m.cell).value;
    };
    expect(mistakes.map((m) => m.code)).toEqual(Object.values(MISTAKE_CODES));
    expect(mistakes.map((m) => m.sheet)).toEqual(['对村考核-计生组', '对村考核-政法组', '对村考核-城建组', '对村考核-民政组', '组督查']);
    expect([0, 1, 2, 3, 4].map((i) => at(workbook, i))).toEqual([null, '花桥村', '很好', 'Z-99', 120]);
    expect(typeof at(original, 0)).toBe('string');
    expect(at(original, 1)).toBe('花桥街村');
    expect(typeof at(original, 2)).toBe('number');
    expect(String(at(original, 3))).toMatch(/^MZ-\d\d$/);
    expect(Number(at(original, 4))).toBeLessThanOrEqual(100);
  });

  it('points each mistake at the column its header names', () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const mistakes = plantMistakes(workbook);

    // Assess
    const headerOf = (m: (typeof mistakes)[number]) => {
      const s = sheet(workbook, m.sheet);
      const col = s.getCell(m.cell).col;
      const headerRow = m.sheet === '组督查' ? 1 : 2;
      return s.getCell(headerRow, Number(col)).value;
    };
    expect(mistakes.map(headerOf)).toEqual(['原因', '村', '加减分', '细则编号', '督查得分']);
  });
});

describe('buildTemplateWorkbook', () => {
  it('has the 说明 sheet first and every input sheet with its headers and a frozen header row', async () => {
    // Prepare
    const built = buildTemplateWorkbook();

    // Act
    const workbook = await roundTrip(built);

    // Assess
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', ...TABLES.map((t) => t.sheet)]);
    for (const table of TABLES) {
      const s = sheet(workbook, table.sheet);
      const headers = table.columns.map((_, i) => s.getCell(1, i + 1).value);
      expect(headers).toEqual(table.columns.map((c) => c.header));
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.getColumn(1).width).toBe(table.columns[0]!.width);
    }
  });

  it('offers dropdowns for every enum and yes/no column and for names kept on other sheets', async () => {
    // Prepare
    const workbook = await roundTrip(buildTemplateWorkbook());
    const validationOf = (sheetName: string, header: string, row = 2) => {
      const s = sheet(workbook, sheetName);
      const col = TABLES.find((t) => t.sheet === sheetName)!.columns.findIndex((c) => c.header === header) + 1;
      return s.getCell(row, col).dataValidation;
    };

    // Act
    const enumColumns = TABLES.flatMap((t) => t.columns.filter((c) => c.values || c.kind === 'yesno').map((c) => ({ t, c })));

    // Assess
    expect(enumColumns.length).toBeGreaterThanOrEqual(10);
    for (const { t, c } of enumColumns) {
      const validation = validationOf(t.sheet, c.header);
      expect(validation?.type).toBe('list');
      expect(validation?.formulae).toEqual([`"${(c.values ?? ['是', '否']).join(',')}"`]);
    }
    expect(validationOf('对村考核', '村')?.formulae).toEqual(["'村'!$A$2:$A$500"]);
    expect(validationOf('对村考核', '细则编号', 4999)?.formulae).toEqual(["'考核细则'!$A$2:$A$500"]);
    expect(validationOf('对村考核', '考核组')?.formulae).toEqual(["'组别'!$A$2:$A$500"]);
    expect(validationOf('人员', '所在组')?.formulae).toEqual(["'组别'!$A$2:$A$500"]);
    expect(validationOf('考勤', '姓名')).toMatchObject({ formulae: ["'人员'!$A$2:$A$500"], errorStyle: 'warning' });
    expect(validationOf('组督查', '督查得分')).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(validationOf('对村考核', '原因')).toBeUndefined();
    expect(validationOf('申诉', '处理结果')?.formulae).toEqual(['"待处理,维持,撤销,改为"']);
    expect(validationOf('申诉', '村')?.formulae).toEqual(["'村'!$A$2:$A$500"]);
    expect(validationOf('申诉', '细则编号')?.formulae).toEqual(["'考核细则'!$A$2:$A$500"]);
  });

  it('pre-fills 参数 with every key and its default, leaving required keys empty', () => {
    // Prepare
    const workbook = buildTemplateWorkbook();

    // Act
    const params = records(sheet(workbook, '参数'));

    // Assess
    expect(params.map((r) => r['参数'])).toEqual(Object.keys(PARAM_DEFAULTS));
    for (const r of params) expect(r['值'] === '' ? null : r['值']).toBe(PARAM_DEFAULTS[String(r['参数'])]);
    expect(params.every((r) => typeof r['说明'] === 'string' && r['说明'] !== '')).toBe(true);
  });

  it('explains in 说明 how to compute, that every score needs a reason, and every sheet’s note', () => {
    // Prepare
    const workbook = buildTemplateWorkbook();

    // Act
    const text = sheet(workbook, '说明')
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .filter((v): v is string => typeof v === 'string')
      .join('\n');

    // Assess
    expect(text).toContain('计算考核');
    expect(text).toContain('必须在「原因」列写明原因');
    for (const table of TABLES) expect(text).toContain(table.note);
  });
});
