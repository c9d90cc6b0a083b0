/**
 * The empty input template (模板.xlsx) and the input-sheet layout it shares with the example
 * workbook: header style, frozen header, column widths, number formats and dropdown lists.
 */
import ExcelJS from 'exceljs';
import {
  PARAM_DEFAULTS,
  PARAMS,
  TABLES,
  YES_NO,
  tableDef,
  type CellKind,
  type TableKey,
} from '../functions/src/domain/tables.js';

/** A column as laid out on a sheet; its header may be a synonym or carry a unit such as `（元）`. */
export interface SheetColumn {
  key: string;
  header: string;
  kind: CellKind;
  width: number;
}

/** Which columns of a table a sheet shows, in which order, under which headers. */
export interface SheetColumnOptions {
  /** Column keys in sheet order; default: every column of the table in TABLES order. */
  keys?: readonly string[];
  /** Headers to show instead of the canonical ones, by column key. */
  headers?: Readonly<Record<string, string>>;
  /** Columns the contract does not know (they are ignored on reading), appended at the end. */
  extra?: readonly SheetColumn[];
}

/** Explanations of the 参数 keys, shown beside them. */
export const PARAM_NOTES: Readonly<Record<string, string>> = Object.fromEntries(PARAMS.map((p) => [p.key, p.note]));

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
  money: '#,##0.00',
  // Keeps typed text such as 2015-04 or JS-01 as text instead of Excel converting it.
  text: '@',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF8EA9DB' } };

/** Rows of the template that carry dropdowns, and rows a dropdown list may draw from. */
const INPUT_ROWS = 5000;
const LIST_ROWS = 500;

/** Columns whose dropdown lists the first column (the names) of another sheet. */
const REFERENCES: Partial<Record<TableKey, Readonly<Record<string, TableKey>>>> = {
  groups: { leader: 'staff' },
  staff: { group: 'groups' },
  villages: { leader: 'staff' },
  rules: { group: 'groups' },
  scores: { village: 'villages', code: 'rules', group: 'groups' },
  attendance: { name: 'staff' },
  leave: { name: 'staff' },
  plans: { name: 'staff' },
  inspections: { group: 'groups' },
  finance: { village: 'villages' },
  survey: { village: 'villages' },
  appeals: { village: 'villages', code: 'rules' },
};

/** The columns of a table as a sheet lays them out. */
export function sheetColumns(table: TableKey, options: SheetColumnOptions = {}): SheetColumn[] {
  const def = tableDef(table);
  const keys = options.keys ?? def.columns.map((c) => c.key);
  const columns = keys.map((key): SheetColumn => {
    const column = def.columns.find((c) => c.key === key);
    if (!column) throw new Error(`table ${table} has no column ${key}`);
    return { key, header: options.headers?.[key] ?? column.header, kind: column.kind, width: column.width ?? 12 };
  });
  return [...columns, ...(options.extra ?? [])];
}

/**
 * Adds an input sheet with its header row: bold on a fill, frozen, column widths and number
 * formats by cell kind. A banner, when given, is a merged title row above the header.
 * @returns the sheet; data rows go below the header with `addRow`
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
  banner?: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    const numFmt = NUMBER_FORMATS[column.kind];
    if (numFmt) col.numFmt = numFmt;
  });
  if (banner) {
    sheet.mergeCells(1, 1, 1, columns.length);
    const title = sheet.getCell(1, 1);
    title.value = banner;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    sheet.getRow(1).height = 24;
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.numFmt = 'General';
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: header.number }];
  return sheet;
}

interface ValidationList {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

// ExcelJS 4.4 writes range validations (one <dataValidation> per column) but its typings omit them.
const validationsOf = (sheet: ExcelJS.Worksheet): ValidationList =>
  (sheet as unknown as { dataValidations: ValidationList }).dataValidations;

const columnLetter = (col: number): string => {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/**
 * A list validation of one whole input column. Names of 人员 only warn: two people sharing a
 * name are written 姓名（工号）, which the list does not hold.
 */
function listValidation(source: string, header: string, strict = true): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [source],
    showErrorMessage: true,
    errorStyle: strict ? 'stop' : 'warning',
    errorTitle: header,
    error: strict ? `「${header}」请从下拉列表中选择。` : `「${header}」不在人员表中；重名的人员请写成「姓名（工号）」。`,
  };
}

/** The dropdown of a column of a template sheet, or null when the column is free input. */
function validationFor(table: TableKey, key: string, kind: CellKind, header: string): ExcelJS.DataValidation | null {
  const reference = REFERENCES[table]?.[key];
  if (reference) return listValidation(`'${tableDef(reference).sheet}'!$A$2:$A$${LIST_ROWS}`, header, reference !== 'staff');
  const values = kind === 'yesno' ? YES_NO : tableDef(table).columns.find((c) => c.key === key)?.values;
  if (values) return listValidation(`"${values.join(',')}"`, header);
  if (table === 'inspections' && key === 'score') {
    return {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: header,
      error: '督查得分应在 0 到 100 之间。',
    };
  }
  return null;
}

/** The 说明 sheet: how to fill in the workbook and run the assessment, then one line per sheet. */
function addGuideSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('说明');
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 90;
  sheet.getColumn(3).width = 44;
  sheet.mergeCells('A1:C1');
  const title = sheet.getCell('A1');
  title.value = '目标管理考核工作簿 使用说明';
  title.font = { bold: true, size: 16 };
  const steps = [
    '1. 先填「参数」（乡镇、年度、考核月份），再填「组别」「人员」「村」「考核细则」这几张基础表。',
    '2. 各组组长每月在「对村考核」中逐条录入对村的加分、扣分。每一条加分、扣分都必须在「原因」列写明原因；扣分不设上限。',
    '3. 可以每组一张对村考核表，表名写成「对村考核-组名」（如「对村考核-计生组」），此时可以不填「考核组」列。',
    '4. 日期可写成 2015-04-02、2015/4/2 或 2015年4月2日；分数可写成 -2 或「扣2分」；金额单位为元。表头上方可以加标题行，列的顺序可以调整。',
    '5. 填好后在 Excel 功能区的「考核」选项卡点击「校验」检查数据，再点击「计算考核」。',
    '6. 计算结果写入「考核结果-村」「考核结果-组」「责任分解」「经费发放」「通报」「校验问题」等工作表，原有的输入表不会被改动。',
    '7. 有错误时不生成结果，请按「校验问题」表中列出的单元格逐条改正；警告不影响计算，但请核实。',
    '8. 党政办核对无误后点击「定稿」；定稿后的月份数据不能再修改。',
    '9. 使用 WPS 或 LibreOffice 的同志：在浏览器中打开加载项页面，把本文件拖入，计算后下载结果文件。',
  ];
  steps.forEach((step, i) => {
    const row = i + 3;
    sheet.mergeCells(row, 1, row, 3);
    const cell = sheet.getCell(row, 1);
    cell.value = step;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  const header = sheet.getRow(steps.length + 4);
  header.values = ['工作表', '说明', '必填列'];
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });
  TABLES.forEach((table, i) => {
    const row = sheet.getRow(steps.length + 5 + i);
    const required = table.columns.filter((c) => c.required).map((c) => c.header);
    row.values = [table.sheet, `${table.requiredSheet ? '（必需）' : '（可选）'}${table.note}`, required.join('、')];
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

/**
 * Builds the empty template: a 说明 sheet, then every input sheet of TABLES (one 对村考核 sheet)
 * with headers, dropdowns, and 参数 pre-filled with every key and its default.
 */
export function buildTemplateWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '目标管理考核';
  // A fixed date keeps the built file independent of the clock.
  workbook.created = new Date(Date.UTC(2015, 0, 1));
  workbook.modified = workbook.created;
  addGuideSheet(workbook);
  for (const table of TABLES) {
    const extra: SheetColumn[] = table.key === 'params' ? [{ key: 'note', header: '说明', kind: 'text', width: 48 }] : [];
    const columns = sheetColumns(table.key, { extra });
    const sheet = addTableSheet(workbook, table.sheet, columns);
    columns.forEach((column, i) => {
      const validation = validationFor(table.key, column.key, column.kind, column.header);
      const letter = columnLetter(i + 1);
      if (validation) validationsOf(sheet).add(`${letter}2:${letter}${INPUT_ROWS}`, validation);
    });
    if (table.key === 'params') {
      for (const [key, value] of Object.entries(PARAM_DEFAULTS)) sheet.addRow([key, value ?? '', PARAM_NOTES[key] ?? '']);
    }
  }
  return workbook;
}
