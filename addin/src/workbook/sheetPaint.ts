/**
 * Turns a worksheet laid out with ExcelJS into what Office.js needs to draw the same sheet:
 * values, styled rectangles, merges, widths, frozen panes, conditional formats, dropdowns and
 * page setup. The result and template sheets are laid out once, in functions/src/workbook and
 * scripts/templateWorkbook.ts; the browser mode saves that layout as .xlsx, the add-in paints
 * it into the open workbook from here. Pure: no Office.js.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { parseAddress } from '../../../functions/src/domain/sheets.js';
import type { CellValue } from '../../../functions/src/domain/types.js';
import { worksheetToGrid } from '../../../functions/src/workbook/readWorkbook.js';
import { columnLetter } from '../../../functions/src/workbook/sheetLayout.js';

export type HorizontalAlignment = 'Left' | 'Center' | 'Right';
export type VerticalAlignment = 'Top' | 'Center' | 'Bottom';

/** The formatting of a rectangle of cells; colours as `#RRGGBB`. */
export interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  horizontal?: HorizontalAlignment;
  vertical?: VerticalAlignment;
  wrap?: boolean;
  /** Colour of thin borders around every cell. */
  border?: string;
}

export interface StyledArea {
  /** A1 rectangle, e.g. `A1:N2`. */
  address: string;
  style: CellStyle;
}

export interface ConditionalFont {
  fontColor?: string;
  bold?: boolean;
  fill?: string;
}

export type ConditionalPaint =
  | { kind: 'cellValue'; address: string; operator: 'GreaterThan' | 'LessThan' | 'EqualTo'; formula1: string; format: ConditionalFont }
  | { kind: 'custom'; address: string; formula: string; format: ConditionalFont }
  | { kind: 'dataBar'; address: string; color: string };

export interface ValidationPaint {
  address: string;
  rule: { list: { inCellDropDown: true; source: string } } | { decimal: { operator: 'Between'; formula1: number; formula2: number } };
  errorTitle: string;
  errorMessage: string;
}

/** A chart drawn where the layout asks for data bars (ExcelJS cannot write charts). */
export interface ChartPaint {
  /** Bars for a table's column of figures; columns for a trend over months. */
  type: 'BarClustered' | 'ColumnClustered';
  title: string;
  /** Row labels, e.g. `B3:B22`. */
  categories: string;
  values: string;
  /** Cells the chart covers. */
  from: string;
  to: string;
}

export interface PagePaint {
  orientation: 'Portrait' | 'Landscape';
  /** `$1:$2` when header rows repeat on every printed page. */
  printTitleRows: string | null;
  centerHeader: string | null;
  centerFooter: string | null;
  /** Printed one page wide (as many pages down as needed). */
  fitToWidth: boolean;
  /** Rows that start a new printed page (manual page breaks above them). */
  breaksBefore: number[];
}

export interface SheetPaint {
  name: string;
  tabColor: string | null;
  /** Values from A1; strings Excel would turn into numbers, dates or formulas are quoted with `'`. */
  values: CellValue[][];
  /** Column widths in points, by 1-based column. */
  columnWidths: { column: number; points: number }[];
  /** Number formats of whole columns (cells styled on their own override them). */
  columnFormats: { column: number; numberFormat: string }[];
  rowHeights: { row: number; points: number }[];
  areas: StyledArea[];
  merges: string[];
  freeze: { rows: number; columns: number };
  conditionalFormats: ConditionalPaint[];
  validations: ValidationPaint[];
  charts: ChartPaint[];
  page: PagePaint | null;
}

/** The parts of ExcelJS's worksheet model read here (its typings leave most of them out). */
interface ModelStyle {
  numFmt?: string;
  font?: { bold?: boolean; size?: number; color?: { argb?: string } };
  fill?: { type?: string; pattern?: string; fgColor?: { argb?: string }; bgColor?: { argb?: string } };
  alignment?: { horizontal?: string; vertical?: string; wrapText?: boolean };
  border?: Partial<Record<'top' | 'left' | 'bottom' | 'right', { style?: string; color?: { argb?: string } }>>;
}

interface SheetModel {
  properties?: { tabColor?: { argb?: string } };
  views?: { state?: string; xSplit?: number; ySplit?: number }[];
  merges?: string[];
  cols?: { min: number; max: number; width?: number; style?: ModelStyle }[] | null;
  rows?: { number: number; height?: number | null; cells: { address: string; style?: ModelStyle }[] }[];
  conditionalFormattings?: { ref: string; rules: ModelRule[] }[];
  dataValidations?: Record<string, ModelValidation | undefined>;
  pageSetup?: { orientation?: string; printTitlesRow?: string; fitToPage?: boolean; fitToWidth?: number };
  rowBreaks?: { id: number }[];
  headerFooter?: { oddHeader?: string | null; oddFooter?: string | null };
}

interface ModelRule {
  type: string;
  operator?: string;
  formulae?: unknown[];
  color?: { argb?: string };
  style?: ModelStyle;
}

interface ModelValidation {
  type: string;
  formulae?: unknown[];
  errorTitle?: string;
  error?: string;
}

/** `FFC00000` → `#C00000`. */
const hexColor = (argb: string | undefined): string | undefined =>
  argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;

const HORIZONTAL: Record<string, HorizontalAlignment> = { left: 'Left', center: 'Center', right: 'Right' };
const VERTICAL: Record<string, VerticalAlignment> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };

/** Column width in characters (as ExcelJS and the file format keep it) to points (as Office.js takes it). */
export const widthToPoints = (characters: number): number => Math.round(characters * 7 + 5) * 0.75;

/** Strings Excel would read as a number, date, boolean or formula when written through `values`. */
const COERCIBLE = /^\s*([=+\-@]|\d|\.\d|true\s*$|false\s*$)/i;

/** A value as it must be written through `range.values` to land unchanged. */
export const literal = (value: CellValue): CellValue =>
  typeof value === 'string' && COERCIBLE.test(value) ? `'${value}` : value;

function cellStyle(style: ModelStyle | undefined, columnFormat: string | undefined): CellStyle {
  const out: CellStyle = {};
  if (!style) return out;
  if (style.numFmt && style.numFmt !== (columnFormat ?? 'General')) out.numberFormat = style.numFmt;
  if (style.font?.bold) out.bold = true;
  if (style.font?.size) out.fontSize = style.font.size;
  const fontColor = hexColor(style.font?.color?.argb);
  if (fontColor && fontColor !== '#000000') out.fontColor = fontColor;
  if (style.fill?.type === 'pattern' && style.fill.pattern === 'solid') {
    const fill = hexColor(style.fill.fgColor?.argb ?? style.fill.bgColor?.argb);
    if (fill) out.fill = fill;
  }
  const horizontal = style.alignment?.horizontal && HORIZONTAL[style.alignment.horizontal];
  if (horizontal) out.horizontal = horizontal;
  const vertical = style.alignment?.vertical && VERTICAL[style.alignment.vertical];
  if (vertical) out.vertical = vertical;
  if (style.alignment?.wrapText) out.wrap = true;
  const edges = style.border ? [style.border.top, style.border.left, style.border.bottom, style.border.right] : [];
  if (edges.length === 4 && edges.every((e) => e?.style === 'thin')) out.border = hexColor(edges[0]?.color?.argb) ?? '#000000';
  return out;
}

/**
 * Groups equally styled cells into rectangles: runs along each row, then runs of rows whose
 * runs coincide. A table of any length comes out as a handful of areas.
 */
export function styledAreas(cells: readonly { row: number; column: number; style: CellStyle }[]): StyledArea[] {
  const byRow = new Map<number, { column: number; key: string; style: CellStyle }[]>();
  for (const cell of cells) {
    const key = JSON.stringify(cell.style);
    if (key === '{}') continue;
    byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), { column: cell.column, key, style: cell.style }]);
  }
  interface Rect {
    top: number;
    bottom: number;
    left: number;
    right: number;
    key: string;
    style: CellStyle;
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const rowCells = byRow.get(row)!.sort((a, b) => a.column - b.column);
    const runs: Omit<Rect, 'top' | 'bottom'>[] = [];
    for (const cell of rowCells) {
      const last = runs.at(-1);
      if (last && last.key === cell.key && last.right === cell.column - 1) last.right = cell.column;
      else runs.push({ left: cell.column, right: cell.column, key: cell.key, style: cell.style });
    }
    const next = new Map<string, Rect>();
    for (const run of runs) {
      const id = `${run.left}:${run.right}:${run.key}`;
      const previous = open.get(id);
      if (previous && previous.bottom === row - 1) {
        previous.bottom = row;
        open.delete(id);
        next.set(id, previous);
      } else next.set(id, { ...run, top: row, bottom: row });
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((r) => ({ address: `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`, style: r.style }));
}

/** Splits `A1:B2 D1:D2` into its rectangles. */
const refs = (ref: string): string[] => ref.split(/\s+/).filter(Boolean);

const formulaText = (value: unknown): string => `=${String(value)}`;

function conditionalFormats(rules: SheetModel['conditionalFormattings']): ConditionalPaint[] {
  const OPERATORS: Record<string, 'GreaterThan' | 'LessThan' | 'EqualTo'> = {
    greaterThan: 'GreaterThan',
    lessThan: 'LessThan',
    equal: 'EqualTo',
  };
  return (rules ?? []).flatMap(({ ref, rules: list }) =>
    list.flatMap((rule) =>
      refs(ref).flatMap((address): ConditionalPaint[] => {
        const format: ConditionalFont = {};
        const style = cellStyle(rule.style, undefined);
        if (style.fontColor) format.fontColor = style.fontColor;
        if (style.bold) format.bold = true;
        if (style.fill) format.fill = style.fill;
        const operator = rule.operator && OPERATORS[rule.operator];
        if (rule.type === 'cellIs' && operator && rule.formulae?.length) {
          return [{ kind: 'cellValue', address, operator, formula1: formulaText(rule.formulae[0]), format }];
        }
        if (rule.type === 'expression' && rule.formulae?.length) {
          return [{ kind: 'custom', address, formula: formulaText(rule.formulae[0]), format }];
        }
        if (rule.type === 'dataBar') return [{ kind: 'dataBar', address, color: hexColor(rule.color?.argb) ?? '#5B9BD5' }];
        return [];
      }),
    ),
  );
}

function validations(model: SheetModel['dataValidations']): ValidationPaint[] {
  return Object.entries(model ?? {}).flatMap(([ref, v]): ValidationPaint[] => {
    if (!v) return [];
    const errorTitle = v.errorTitle ?? '';
    const errorMessage = v.error ?? '';
    const [first, second] = v.formulae ?? [];
    return refs(ref).flatMap((address): ValidationPaint[] => {
      if (v.type === 'list' && typeof first === 'string') {
        // A quoted list is literal items; anything else is a reference.
        const source = /^".*"$/.test(first) ? first.slice(1, -1) : `=${first}`;
        return [{ address, rule: { list: { inCellDropDown: true, source } }, errorTitle, errorMessage }];
      }
      if (v.type === 'decimal' && typeof first === 'number' && typeof second === 'number') {
        return [{ address, rule: { decimal: { operator: 'Between', formula1: first, formula2: second } }, errorTitle, errorMessage }];
      }
      return [];
    });
  });
}

/** The text an Excel page header shows in its centre section (`&C&B标题` → `&B标题`). */
function centerSection(text: string | null | undefined): string | null {
  const match = text ? /&C(.*?)(?=&[LR]|$)/.exec(text) : null;
  return match?.[1] ? match[1] : null;
}

/** The header texts above `row` in `column`, merged bands included: `本月` + `得分`. */
function headerText(values: readonly CellValue[][], merges: readonly string[], column: number, row: number): string {
  const texts: string[] = [];
  for (let r = 1; r < row; r++) {
    const master = merges
      .map((m) => m.split(':').map((a) => parseAddress(a)!))
      .find(([from, to]) => from && to && r >= from.row && r <= to.row && column >= from.col && column <= to.col);
    const at = master?.[0] ?? { row: r, col: column };
    const text = String(values[at.row - 1]?.[at.col - 1] ?? '');
    if (text && texts.at(-1) !== text) texts.push(text);
  }
  return texts.join('');
}

/** The last column of the merge whose top-left cell is `row`/`col` (the cell's own column without one). */
function mergeEnd(merges: readonly string[], row: number, col: number): number {
  for (const m of merges) {
    const [from, to] = m.split(':').map((a) => parseAddress(a));
    if (from && to && from.row === row && from.col === col) return to.col;
  }
  return col;
}

/**
 * Charts for the data bars of a sheet. On a sheet with frozen label columns (考核结果-村) a bar
 * chart labelled by the last of them, under the table; otherwise (村考核明细's 月度得分走势) a
 * column chart of the figures left of the bars, labelled by column A, laid over the bar cells.
 */
function charts(paint: Omit<SheetPaint, 'charts'>, lastRow: number): ChartPaint[] {
  const labelColumn = paint.freeze.columns;
  return paint.conditionalFormats.flatMap((cf): ChartPaint[] => {
    if (cf.kind !== 'dataBar') return [];
    const [from, to] = cf.address.split(':').map((a) => parseAddress(a));
    if (!from || !to) return [];
    if (labelColumn === 0) {
      // The figures themselves are the column left of the bars (the bar cells hide their number).
      const figures = columnLetter(from.col - 1);
      return [
        {
          type: 'ColumnClustered',
          // The table's header cell just above the figures.
          title: String(paint.values[from.row - 2]?.[from.col - 2] ?? ''),
          categories: `A${from.row}:A${to.row}`,
          values: `${figures}${from.row}:${figures}${to.row}`,
          from: `${columnLetter(from.col)}${from.row}`,
          to: `${columnLetter(mergeEnd(paint.merges, from.row, from.col))}${to.row}`,
        },
      ];
    }
    const letter = columnLetter(labelColumn);
    const top = lastRow + 2;
    return [
      {
        type: 'BarClustered',
        title: headerText(paint.values, paint.merges, from.col, from.row),
        categories: `${letter}${from.row}:${letter}${to.row}`,
        values: cf.address,
        from: `A${top}`,
        to: `${columnLetter(Math.max(8, labelColumn + 6))}${top + Math.max(12, to.row - from.row + 6)}`,
      },
    ];
  });
}

/** Everything needed to paint `worksheet` through Office.js. */
export function sheetPaint(worksheet: Worksheet): SheetPaint {
  const model = worksheet.model as unknown as SheetModel;
  const grid = worksheetToGrid(worksheet);
  const values = grid.values.map((row) => row.map((v) => literal(v as CellValue)));
  const cols = model.cols ?? [];
  const columnFormat = (column: number): string | undefined =>
    cols.find((c) => column >= c.min && column <= c.max)?.style?.numFmt;
  const cells = (model.rows ?? []).flatMap((row) =>
    row.cells.map((cell) => {
      const at = parseAddress(cell.address)!;
      return { row: at.row, column: at.col, style: cellStyle(cell.style, columnFormat(at.col)) };
    }),
  );
  const view = model.views?.[0];
  const frozen = view?.state === 'frozen';
  const merges = model.merges ?? [];
  const paint: Omit<SheetPaint, 'charts'> = {
    name: worksheet.name,
    tabColor: hexColor(model.properties?.tabColor?.argb) ?? null,
    values,
    columnWidths: cols.flatMap((c) =>
      c.width ? Array.from({ length: c.max - c.min + 1 }, (_, i) => ({ column: c.min + i, points: widthToPoints(c.width!) })) : [],
    ),
    columnFormats: cols.flatMap((c) =>
      c.style?.numFmt ? Array.from({ length: c.max - c.min + 1 }, (_, i) => ({ column: c.min + i, numberFormat: c.style!.numFmt! })) : [],
    ),
    rowHeights: (model.rows ?? []).flatMap((r) => (r.height ? [{ row: r.number, points: r.height }] : [])),
    areas: styledAreas(cells),
    merges,
    freeze: { rows: frozen ? (view?.ySplit ?? 0) : 0, columns: frozen ? (view?.xSplit ?? 0) : 0 },
    conditionalFormats: conditionalFormats(model.conditionalFormattings),
    validations: validations(model.dataValidations),
    page: model.headerFooter?.oddHeader
      ? {
          orientation: model.pageSetup?.orientation === 'landscape' ? 'Landscape' : 'Portrait',
          printTitleRows: model.pageSetup?.printTitlesRow
            ? model.pageSetup.printTitlesRow
                .split(':')
                .map((r) => `$${r}`)
                .join(':')
            : null,
          centerHeader: centerSection(model.headerFooter.oddHeader),
          centerFooter: centerSection(model.headerFooter.oddFooter),
          fitToWidth: model.pageSetup?.fitToPage === true && model.pageSetup.fitToWidth === 1,
          // ExcelJS keeps a break under its row; Excel adds one above a cell.
          breaksBefore: (model.rowBreaks ?? []).map((b) => b.id + 1),
        }
      : null,
  };
  return { ...paint, charts: charts(paint, values.length) };
}

/** The sheet a workbook opens on (ExcelJS keeps it as the active tab of the workbook view). */
export function activeSheetName(workbook: Workbook): string | null {
  const index = workbook.views[0]?.activeTab ?? 0;
  return workbook.worksheets[index]?.name ?? null;
}
