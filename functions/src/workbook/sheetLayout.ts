/**
 * Layout of the printable result tables: header rows, number formats, borders, frozen panes,
 * A4 page setup and conditional formats. Plain styles only (solid fills, thin borders, classic
 * rules) so that Excel, WPS and LibreOffice all render and print them alike.
 */
import type { Border, Cell, ConditionalFormattingRule, DataBarRuleType, Fill, Workbook, Worksheet } from 'exceljs';
import type { AssessmentResult, CellValue } from '../domain/types.js';
import { displayWidth } from './textWidth.js';

/** Number formats of the result sheets. */
export const NUMBER_FORMATS = {
  points: '0.00',
  money: '"¥"#,##0.00',
  rate: '0.00%',
  integer: '0',
} as const;

export type NumberFormat = keyof typeof NUMBER_FORMATS;

export interface ColumnSpec {
  header: string;
  /** Width in Excel character units. */
  width: number;
  format?: NumberFormat;
  /** Wrap long text (the row grows to show it). */
  wrap?: boolean;
}

/**
 * A heading over `span` adjacent columns in an extra top header row. A band of span 1 without a
 * title lets its column's own header cover both header rows.
 */
export interface HeaderBand {
  title?: string;
  span: number;
}

export interface TableSpec {
  /** Printed centred at the top of every page. */
  title: string;
  columns: readonly ColumnSpec[];
  bands?: readonly HeaderBand[];
  /** Data rows; `null` leaves the cell blank. */
  rows: readonly (readonly CellValue[])[];
  /** Columns kept in view when scrolling right. */
  freezeColumns: number;
  orientation: 'portrait' | 'landscape';
}

/** Where a written table landed, for the conditional formats that follow. */
export interface TablePlacement {
  worksheet: Worksheet;
  headerRows: number;
  /** First and last data row; `lastRow < firstRow` when there are no rows. */
  firstRow: number;
  lastRow: number;
}

const BLACK = 'FF000000';
const HEADER_FILL = 'FFD9E1F2';
const TAB_COLOR = 'FF2F5597';
const THIN: Partial<Border> = { style: 'thin', color: { argb: 'FF808080' } };
/** Thin grey borders on all four sides of a cell. */
export const BORDERS = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A solid fill; dxf fills read their colour from bgColor in Excel and fgColor elsewhere, so set both. */
export const solidFill = (argb: string): Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
  bgColor: { argb },
});

/** `花桥街镇2015年4月` — the prefix of every printed title; parts the result lacks are left out. */
export function period(result: Pick<AssessmentResult, 'town' | 'year' | 'month'>): string {
  const [yearText, monthText] = (result.month ?? '').split('-');
  const year = result.year ?? (Number(yearText) || null);
  const month = Number(monthText) || null;
  return `${result.town ?? ''}${year === null ? '' : `${year}年`}${month === null ? '' : `${month}月`}`;
}

/** Escapes `&`, the control character of Excel page headers. */
const headerText = (text: string): string => text.replaceAll('&', '&&');

/**
 * Height in points a row needs to show `text` wrapped in a column of `width` character units;
 * undefined when one line suffices (the default height then applies).
 */
export function wrappedRowHeight(text: string, width: number, fontSize = 11): number | undefined {
  // One width unit holds about one half-width character of an 11 pt font, a Chinese character a
  // little more than two; keep a unit of padding and 10 % slack.
  const perLine = Math.max(1, ((width - 1) * 11) / fontSize);
  const lines = text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil((displayWidth(line) * 1.1) / perLine)), 0);
  return lines > 1 ? Math.ceil(lines * fontSize * 1.5 + 3) : undefined;
}

/** Grows a row to the tallest of its wrapped cells. */
export function fitRowHeight(cells: readonly { text: string; width: number }[], row: { height: number }, fontSize = 11): void {
  const heights = cells.map(({ text, width }) => wrappedRowHeight(text, width, fontSize) ?? 0);
  const height = Math.max(0, ...heights);
  if (height > 0) row.height = height;
}

/**
 * Adds a worksheet set up to print on A4, fitted to one page wide, with the page title in the
 * header and page numbers in the footer. It goes after every existing sheet.
 */
export function addPrintableSheet(
  workbook: Workbook,
  name: string,
  options: { title: string; orientation: 'portrait' | 'landscape'; headerRows: number; freezeColumns: number },
): Worksheet {
  const { title, orientation, headerRows, freezeColumns } = options;
  return workbook.addWorksheet(name, {
    properties: { tabColor: { argb: TAB_COLOR } },
    views:
      headerRows > 0 || freezeColumns > 0
        ? [{ state: 'frozen', xSplit: freezeColumns, ySplit: headerRows, activeCell: 'A1' }]
        : [{ state: 'normal', activeCell: 'A1' }],
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      // 0 = as many pages down as needed.
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      ...(headerRows > 0 ? { printTitlesRow: `1:${headerRows}` } : {}),
    },
    headerFooter: {
      oddHeader: `&C&B${headerText(title)}`,
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  });
}

/** Bold, filled, centred and bordered: a table header cell. */
export function styleHeaderCell(cell: Cell): void {
  cell.font = { bold: true, color: { argb: BLACK } };
  cell.fill = solidFill(HEADER_FILL);
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = BORDERS;
}

function writeHeader(worksheet: Worksheet, spec: TableSpec): number {
  const { columns, bands } = spec;
  const leafRow = bands ? 2 : 1;
  columns.forEach((column, index) => {
    worksheet.getColumn(index + 1).width = column.width;
    const cell = worksheet.getCell(leafRow, index + 1);
    cell.value = column.header;
    styleHeaderCell(cell);
    if (bands) styleHeaderCell(worksheet.getCell(1, index + 1));
  });
  let column = 1;
  const bandCells: { text: string; width: number }[] = [];
  for (const band of bands ?? []) {
    const top = worksheet.getCell(1, column);
    if (band.title === undefined && band.span === 1) {
      top.value = columns[column - 1]?.header ?? '';
      worksheet.mergeCells(1, column, 2, column);
    } else {
      const width = columns.slice(column - 1, column - 1 + band.span).reduce((sum, c) => sum + c.width, 0);
      bandCells.push({ text: band.title ?? '', width });
      top.value = band.title ?? '';
      if (band.span > 1) worksheet.mergeCells(1, column, 1, column + band.span - 1);
    }
    column += band.span;
  }
  fitRowHeight(bandCells, worksheet.getRow(1));
  fitRowHeight(
    columns.map((c) => ({ text: c.header, width: c.width })),
    worksheet.getRow(leafRow),
  );
  return leafRow;
}

/** Writes a bordered table with its header row(s), number formats and wrapped text. */
export function writeTable(worksheet: Worksheet, spec: TableSpec): TablePlacement {
  const headerRows = writeHeader(worksheet, spec);
  const firstRow = headerRows + 1;
  spec.rows.forEach((values, offset) => {
    const row = worksheet.getRow(firstRow + offset);
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = values[index];
      if (value !== null && value !== undefined) cell.value = value;
      if (column.format) cell.numFmt = NUMBER_FORMATS[column.format];
      cell.border = BORDERS;
      cell.alignment = { vertical: 'middle', ...(column.wrap ? { wrapText: true } : {}) };
    });
    fitRowHeight(
      spec.columns.flatMap((column, index) =>
        column.wrap ? [{ text: String(values[index] ?? ''), width: column.width }] : [],
      ),
      row,
    );
  });
  return { worksheet, headerRows, firstRow, lastRow: firstRow + spec.rows.length - 1 };
}

/** Adds a printable sheet and writes one table into it. */
export function addTableSheet(workbook: Workbook, name: string, spec: TableSpec): TablePlacement {
  const worksheet = addPrintableSheet(workbook, name, {
    title: spec.title,
    orientation: spec.orientation,
    headerRows: spec.bands ? 2 : 1,
    freezeColumns: spec.freezeColumns,
  });
  return writeTable(worksheet, spec);
}

/** Excel column letters of a 1-based column number. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const HIGHLIGHT_FONT = 'FFC00000';

/** Conditional formats of one sheet, numbered in the order they are added. */
export class ConditionalFormats {
  private priority = 0;

  constructor(private readonly worksheet: Worksheet) {}

  private add(ref: string, rule: ConditionalFormattingRule): void {
    this.worksheet.addConditionalFormatting({ ref, rules: [rule] });
  }

  /** Red bold figures where a cell of `refs` is above zero (deductions, penalties, withheld funds). */
  redWhenPositive(refs: readonly string[]): void {
    if (refs.length === 0) return;
    this.add(refs.join(' '), {
      type: 'cellIs',
      operator: 'greaterThan',
      formulae: [0],
      priority: ++this.priority,
      style: { font: { color: { argb: HIGHLIGHT_FONT }, bold: true } },
    });
  }

  /** Red bold text where a cell of `ref` equals `text`. */
  redWhenEqual(ref: string, text: string): void {
    this.add(ref, {
      type: 'cellIs',
      operator: 'equal',
      formulae: [`"${text}"`],
      priority: ++this.priority,
      style: { font: { color: { argb: HIGHLIGHT_FONT }, bold: true } },
    });
  }

  /** Fills the cells of `ref` where `formula` (relative to the top-left cell of `ref`) is true. */
  fillWhen(ref: string, formula: string, argb: string): void {
    this.add(ref, { type: 'expression', formulae: [formula], priority: ++this.priority, style: { fill: solidFill(argb) } });
  }

  /**
   * In-cell bars proportional to the values of `ref` (a chart ExcelJS can write and every spreadsheet
   * draws), from the lowest to the highest value or over the given `bounds`.
   */
  dataBar(ref: string, argb: string, bounds?: { min: number; max: number }): void {
    // Solid bars: ExcelJS then writes the rule as Excel does (2007 rule plus its x14 extension with a
    // matching id); with gradient it leaves an empty x14 reference behind.
    const rule: DataBarRuleType & { color: { argb: string } } = {
      type: 'dataBar',
      gradient: false,
      cfvo: bounds ? [{ type: 'num', value: bounds.min }, { type: 'num', value: bounds.max }] : [{ type: 'min' }, { type: 'max' }],
      color: { argb },
      priority: ++this.priority,
    };
    this.add(ref, rule);
  }
}
