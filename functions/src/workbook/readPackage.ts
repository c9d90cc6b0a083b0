/**
 * Reads the cell values of every worksheet of an opened package straight from its XML, the
 * values Excel's `range.values` hands the add-in: shared and inline strings, cached results of
 * (shared) formulas, booleans, error values, numbers; dates of 1904-based workbooks as serials of
 * the 1900 system the engine reads. It trips on nothing ExcelJS trips on (absolute relationship
 * targets, tables without a style, files of any writer). Browser-safe.
 */
import type { CellValue, Grid } from '../domain/types.js';
import {
  attributeByLocalName,
  attributes,
  decodeXml,
  element,
  elements,
  relationships,
  relsPartOf,
  resolveTarget,
  stringItemText,
} from './ooxml.js';
import type { XlsxPackage } from './openPackage.js';

/** Days between the 1900 and the 1904 date systems' day zero. */
const DAYS_1904 = 1462;
const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;

/** Built-in number formats that show dates or times (14–22, 45–47, and the East Asian 27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom format code shows a date or time (quoted text, escapes and `[...]` sections left out). */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index: whether its number format shows a date. */
function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of elements(stylesXml, 'numFmt')) {
    const attrs = attributes(f.open);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const cellXfs = element(stylesXml, 'cellXfs');
  if (!cellXfs?.inner) return [];
  return elements(cellXfs.inner, 'xf').map((xf) => {
    const id = Number(attributes(xf.open).get('numFmtId') ?? 0);
    const code = custom.get(id);
    return code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormatCode(code);
  });
}

/** Column number (1-based) of the letters of an A1 reference. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

const CELL_REF = /^([A-Za-z]{1,3})(\d+)$/;
/** The `<v>` of a cell (compiled once: it runs for every cell). */
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;

interface SheetContext {
  strings: readonly string[];
  dates: readonly boolean[];
  date1904: boolean;
}

/** One cell's value as `range.values` gives it; '' for an empty cell. */
function cellValue(attrs: Map<string, string>, inner: string | null, context: SheetContext): CellValue {
  const type = attrs.get('t') ?? 'n';
  if (type === 'inlineStr') {
    const is = inner === null ? null : element(inner, 'is');
    return is?.inner ? stringItemText(is.inner) : '';
  }
  const raw = inner === null ? undefined : VALUE.exec(inner)?.[1];
  if (raw === undefined) return '';
  switch (type) {
    case 's':
      return context.strings[Number(raw)] ?? '';
    case 'str':
      return decodeXml(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'e':
      return decodeXml(raw).trim();
    case 'd': {
      const time = Date.parse(raw.endsWith('Z') || /[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`);
      return Number.isFinite(time) ? time / MS_PER_DAY + UNIX_EPOCH_SERIAL : decodeXml(raw);
    }
    default: {
      const number = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(number)) return decodeXml(raw);
      const isDate = context.date1904 && context.dates[Number(attrs.get('s') ?? 0)] === true;
      return isDate ? number + DAYS_1904 : number;
    }
  }
}

/** A worksheet part as a rectangular grid from A1 to its last row and column holding a value. */
export function sheetXmlToGrid(name: string, xml: string, context: SheetContext): Grid {
  const sheetData = element(xml, 'sheetData');
  const cells: { row: number; col: number; value: CellValue }[] = [];
  let lastRow = 0;
  let lastCol = 0;
  if (sheetData?.inner) {
    const body = sheetData.inner;
    // Rows and cells may leave out `r`: then they follow the previous one.
    const tags = /<([\w.-]+:)?(row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
    let row = 0;
    let col = 0;
    for (let m = tags.exec(body); m; m = tags.exec(body)) {
      const attrs = attributes(m[3] ?? '');
      if (m[2] === 'row') {
        row = Number(attrs.get('r') ?? row + 1);
        col = 0;
        continue;
      }
      let inner: string | null = null;
      if (m[4] !== '/') {
        const close = `</${m[1] ?? ''}c>`;
        const end = body.indexOf(close, tags.lastIndex);
        inner = body.slice(tags.lastIndex, end < 0 ? body.length : end);
        tags.lastIndex = end < 0 ? body.length : end + close.length;
      }
      const ref = CELL_REF.exec(attrs.get('r') ?? '');
      if (ref) {
        col = columnNumber(ref[1]!);
        row = Number(ref[2]);
      } else {
        col += 1;
      }
      const value = cellValue(attrs, inner, context);
      if (value === '') continue;
      cells.push({ row, col, value });
      lastRow = Math.max(lastRow, row);
      lastCol = Math.max(lastCol, col);
    }
  }
  // Excel reports an empty sheet's used range as the single empty cell A1.
  const values: CellValue[][] = Array.from({ length: Math.max(lastRow, 1) }, () => new Array<CellValue>(Math.max(lastCol, 1)).fill(''));
  for (const { row, col, value } of cells) values[row - 1]![col - 1] = value;
  // A merged range keeps its value in the top-left cell only, as in Excel.
  for (const merge of elements(xml, 'mergeCell')) {
    const [from, to] = (attributes(merge.open).get('ref') ?? '').split(':');
    const a = CELL_REF.exec(from ?? '');
    const b = CELL_REF.exec(to ?? '');
    if (!a || !b) continue;
    for (let r = Number(a[2]); r <= Math.min(Number(b[2]), lastRow); r++) {
      for (let c = columnNumber(a[1]!); c <= Math.min(columnNumber(b[1]!), lastCol); c++) {
        if (r !== Number(a[2]) || c !== columnNumber(a[1]!)) values[r - 1]![c - 1] = '';
      }
    }
  }
  return { name, origin: 'A1', values };
}

/** The text of a part, or '' when the package lacks it. */
async function partText(pkg: XlsxPackage, part: string | undefined): Promise<string> {
  return (part ? await pkg.zip.file(part)?.async('string') : undefined) ?? '';
}

/** The worksheets of the workbook in tab order: name and part (chartsheets and dialog sheets left out). */
export async function worksheetParts(pkg: XlsxPackage): Promise<{ name: string; part: string }[]> {
  const workbookXml = await partText(pkg, pkg.workbookPart);
  const rels = relationships(await partText(pkg, relsPartOf(pkg.workbookPart)));
  const sheets: { name: string; part: string }[] = [];
  for (const sheet of elements(workbookXml, 'sheet')) {
    const attrs = attributes(sheet.open);
    const rel = rels.find((r) => r.id === attributeByLocalName(attrs, 'id'));
    if (!rel || rel.external || !rel.type.endsWith('/worksheet')) continue;
    sheets.push({ name: attrs.get('name') ?? '', part: resolveTarget(pkg.workbookPart, rel.target) });
  }
  return sheets;
}

/** Every worksheet of the package, in tab order, as one grid each. */
export async function packageToGrids(pkg: XlsxPackage): Promise<Grid[]> {
  const workbookXml = await partText(pkg, pkg.workbookPart);
  const rels = relationships(await partText(pkg, relsPartOf(pkg.workbookPart)));
  const partOf = (type: string) => {
    const rel = rels.find((r) => r.type.endsWith(type) && !r.external);
    return rel ? resolveTarget(pkg.workbookPart, rel.target) : undefined;
  };
  const stringsXml = await partText(pkg, partOf('/sharedStrings'));
  const workbookPr = element(workbookXml, 'workbookPr');
  const date1904 = ['1', 'true'].includes(workbookPr ? (attributes(workbookPr.open).get('date1904') ?? '') : '');
  const context: SheetContext = {
    strings: elements(stringsXml, 'si').map((si) => (si.inner === null ? '' : stringItemText(si.inner))),
    dates: date1904 ? dateStyles(await partText(pkg, partOf('/styles'))) : [],
    date1904,
  };
  const grids: Grid[] = [];
  for (const { name, part } of await worksheetParts(pkg)) {
    grids.push(sheetXmlToGrid(name, await partText(pkg, part), context));
  }
  return grids;
}
