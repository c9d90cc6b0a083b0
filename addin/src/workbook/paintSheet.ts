/**
 * Queues the Office.js commands that draw a SheetPaint onto a worksheet. Each step reports the
 * bytes it adds to a request, so that the caller can sync before a request would exceed the
 * limit; nothing here syncs.
 */
import { parseAddress } from '../../../functions/src/domain/sheets.js';
import { columnLetter } from '../../../functions/src/workbook/sheetLayout.js';
import { jsonBytes, SYNC_BUDGET_BYTES } from './payload.js';
import type { CellStyle, SheetPaint } from './sheetPaint.js';

/** One group of queued commands and its share of a request. */
export interface PaintStep {
  bytes: number;
  queue(sheet: Excel.Worksheet): void;
}

/** Parts of a paint above ExcelApi 1.7, on where the host has them. */
export interface PaintOptions {
  /** Page setup (ExcelApi 1.9). */
  pageLayout: boolean;
  /** Dropdowns (data validation, ExcelApi 1.8); without them the cells are plain. */
  dataValidation: boolean;
}

/** The paint options the running host supports (`Office.context.requirements`). */
export function hostPaintOptions(): PaintOptions {
  const has = (version: string) =>
    typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
  return { pageLayout: has('1.9'), dataValidation: has('1.8') };
}

/** Bytes of the command envelope around a step's own data (object path, method, ids). */
const COMMAND_BYTES = 160;

/** Rows a whole-column number format covers (the template's typing area). */
export const COLUMN_FORMAT_ROWS = 1000;

/** A step of `commands` queued commands (each with its envelope) and `data`. */
const step = (data: unknown, queue: (sheet: Excel.Worksheet) => void, commands = 1): PaintStep => ({
  bytes: COMMAND_BYTES * commands + jsonBytes(data),
  queue,
});

/** `rows × columns` copies of `value`: Office.js sets formats cell by cell from a 2-D array. */
const filled = <T>(rows: number, columns: number, value: T): T[][] =>
  Array.from({ length: rows }, () => new Array<T>(columns).fill(value));

/** Size of an A1 rectangle. */
function dimensions(address: string): { rows: number; columns: number } {
  const [from, to = from] = address.split(':').map((a) => parseAddress(a)!);
  return { rows: to!.row - from!.row + 1, columns: to!.col - from!.col + 1 };
}

/** Consecutive items with the same key, as `[first, last, key]`. */
function runs<T>(items: readonly T[], index: (item: T) => number, key: (item: T) => string | number): [number, number, T][] {
  const out: [number, number, T][] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (last && index(item) === last[1] + 1 && key(item) === key(last[2])) last[1] = index(item);
    else out.push([index(item), index(item), item]);
  }
  return out;
}

/** The border edges of an area of `size`. */
function edgesOf(size: { rows: number; columns: number }): `${Excel.BorderIndex}`[] {
  const edges: `${Excel.BorderIndex}`[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (size.rows > 1) edges.push('InsideHorizontal');
  if (size.columns > 1) edges.push('InsideVertical');
  return edges;
}

/** How many commands {@link styleArea} queues: a long 村考核明细 has thousands of small styled areas. */
function styleCommands(style: CellStyle, size: { rows: number; columns: number }): number {
  const sets = [style.bold, style.fontSize, style.fontColor, style.fill, style.horizontal, style.vertical, style.wrap].filter(Boolean).length;
  return 1 + sets + (style.border ? 3 * edgesOf(size).length : 0);
}

function styleArea(range: Excel.Range, style: CellStyle, size: { rows: number; columns: number }): void {
  const { format } = range;
  if (style.bold) format.font.bold = true;
  if (style.fontSize) format.font.size = style.fontSize;
  if (style.fontColor) format.font.color = style.fontColor;
  if (style.fill) format.fill.color = style.fill;
  if (style.horizontal) format.horizontalAlignment = style.horizontal;
  if (style.vertical) format.verticalAlignment = style.vertical;
  if (style.wrap) format.wrapText = true;
  if (style.border) {
    for (const edge of edgesOf(size)) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
      border.color = style.border;
    }
  }
}

/**
 * A number format over a rectangle, in row bands each small enough for one request: Office.js
 * takes formats cell by cell, so a format over a long result sheet is megabytes of one string.
 */
function formatSteps(top: number, left: number, rows: number, columns: number, numberFormat: string): PaintStep[] {
  const perRow = jsonBytes(filled(1, columns, numberFormat));
  const band = Math.max(1, Math.floor(SYNC_BUDGET_BYTES / 2 / perRow));
  const steps: PaintStep[] = [];
  for (let start = 0; start < rows; start += band) {
    const formats = filled(Math.min(band, rows - start), columns, numberFormat);
    steps.push(step(formats, (sheet) => (sheet.getRangeByIndexes(top + start, left, formats.length, columns).numberFormat = formats)));
  }
  return steps;
}

/** Row bands of the values, each small enough for one request. */
function valueSteps(values: SheetPaint['values']): PaintStep[] {
  const columns = Math.max(1, ...values.map((r) => r.length));
  const rows = values.map((r) => (r.length === columns ? r : [...r, ...new Array(columns - r.length).fill('')]));
  const steps: PaintStep[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    // Whole rows until the band would pass the budget; a lone huge row still goes alone.
    while (end < rows.length && (end === start || bytes + jsonBytes(rows[end]) < SYNC_BUDGET_BYTES / 2)) {
      bytes += jsonBytes(rows[end]) + 1;
      end++;
    }
    const band = rows.slice(start, end);
    const top = start;
    steps.push(step(band, (sheet) => (sheet.getRangeByIndexes(top, 0, band.length, columns).values = band)));
    start = end;
  }
  return steps;
}

/**
 * The steps that draw `paint` on an empty worksheet, in an order where later formats win:
 * column formats, values, styled areas, merges, sizes, panes, conditional formats, dropdowns,
 * charts and page setup. Everything here is within ExcelApi 1.7 (the manifest's floor) except
 * what `options` switches off where the host lacks it.
 */
export function paintSteps(paint: SheetPaint, options: PaintOptions): PaintStep[] {
  const steps: PaintStep[] = [];
  const { tabColor } = paint;
  if (tabColor) steps.push(step(tabColor, (sheet) => (sheet.tabColor = tabColor)));
  const formatRows = Math.max(COLUMN_FORMAT_ROWS, paint.values.length);
  for (const [from, to, { numberFormat }] of runs(paint.columnFormats, (c) => c.column, (c) => c.numberFormat)) {
    steps.push(...formatSteps(0, from - 1, formatRows, to - from + 1, numberFormat));
  }
  steps.push(...valueSteps(paint.values));
  for (const { address, style } of paint.areas) {
    const size = dimensions(address);
    steps.push(step({ address, style }, (sheet) => styleArea(sheet.getRange(address), style, size), styleCommands(style, size)));
    if (style.numberFormat) {
      const from = parseAddress(address.split(':')[0]!)!;
      steps.push(...formatSteps(from.row - 1, from.col - 1, size.rows, size.columns, style.numberFormat));
    }
  }
  for (const address of paint.merges) steps.push(step(address, (sheet) => sheet.getRange(address).merge(false)));
  for (const [from, to, { points }] of runs(paint.columnWidths, (c) => c.column, (c) => c.points)) {
    const address = `${columnLetter(from)}:${columnLetter(to)}`;
    steps.push(step(address, (sheet) => (sheet.getRange(address).format.columnWidth = points)));
  }
  for (const [from, to, { points }] of runs(paint.rowHeights, (r) => r.row, (r) => r.points)) {
    steps.push(step(points, (sheet) => (sheet.getRange(`${from}:${to}`).format.rowHeight = points)));
  }
  const { rows, columns } = paint.freeze;
  if (rows > 0 || columns > 0) {
    steps.push(
      step(paint.freeze, (sheet) => {
        if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, columns));
        else if (rows > 0) sheet.freezePanes.freezeRows(rows);
        else sheet.freezePanes.freezeColumns(columns);
      }),
    );
  }
  for (const cf of paint.conditionalFormats) {
    steps.push(
      step(cf, (sheet) => {
        const formats = sheet.getRange(cf.address).conditionalFormats;
        if (cf.kind === 'dataBar') {
          formats.add('DataBar').dataBar.positiveFormat.fillColor = cf.color;
          return;
        }
        const added = formats.add(cf.kind === 'cellValue' ? 'CellValue' : 'Custom');
        const rule = cf.kind === 'cellValue' ? added.cellValue : added.custom;
        if (cf.kind === 'cellValue') added.cellValue.rule = { formula1: cf.formula1, operator: cf.operator };
        else added.custom.rule.formula = cf.formula;
        if (cf.format.fontColor) rule.format.font.color = cf.format.fontColor;
        if (cf.format.bold) rule.format.font.bold = true;
        if (cf.format.fill) rule.format.fill.color = cf.format.fill;
      }, 5),
    );
  }
  for (const v of options.dataValidation ? paint.validations : []) {
    steps.push(
      step(v, (sheet) => {
        const validation = sheet.getRange(v.address).dataValidation;
        validation.rule = v.rule;
        validation.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle, message: v.errorMessage };
      }),
    );
  }
  for (const chart of paint.charts) {
    steps.push(
      step(chart, (sheet) => {
        const added = sheet.charts.add(chart.type, sheet.getRange(chart.values), 'Columns');
        const series = added.series.getItemAt(0);
        series.setXAxisValues(sheet.getRange(chart.categories));
        series.name = chart.title;
        added.title.text = chart.title;
        added.legend.visible = false;
        // Bars run top-down in sheet order, like the table; columns run left to right.
        if (chart.type === 'BarClustered') added.axes.categoryAxis.reversePlotOrder = true;
        added.setPosition(chart.from, chart.to);
      }),
    );
  }
  const { page } = paint;
  if (page && options.pageLayout) {
    steps.push(
      step(page, (sheet) => {
        const layout = sheet.pageLayout;
        layout.orientation = page.orientation;
        layout.paperSize = 'A4';
        layout.centerHorizontally = true;
        if (page.printTitleRows) layout.setPrintTitleRows(page.printTitleRows);
        const headers = layout.headersFooters.defaultForAllPages;
        if (page.centerHeader) headers.centerHeader = page.centerHeader;
        if (page.centerFooter) headers.centerFooter = page.centerFooter;
        // One page wide, as many down as needed (Excel's Scale to Fit: width 1, height automatic).
        if (page.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
        for (const row of page.breaksBefore) sheet.horizontalPageBreaks.add(`A${row}`);
      }),
    );
  }
  return steps;
}
