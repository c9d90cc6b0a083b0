/**
 * Writes sheets laid out with ExcelJS into the open workbook. Result sheets are drawn hidden
 * under temporary names and swapped in only once all of them are complete, so a failure leaves
 * the previous results as they were. Input sheets are never touched.
 */
import type { Workbook } from 'exceljs';
import { normHeader } from '../../../functions/src/domain/normalize.js';
import { TABLES, type TableDef } from '../../../functions/src/domain/tables.js';
import { SYNC_BUDGET_BYTES } from './payload.js';
import { type PaintStep, paintSteps } from './paintSheet.js';
import { activeSheetName, sheetPaint } from './sheetPaint.js';

/** Prefix of the sheets being drawn; a user never names a sheet like this. */
const TEMP_PREFIX = '~新~';

/** Whether a sheet is one this module is drawing (or left behind by an interrupted run). */
export const isTempName = (name: string): boolean => name.startsWith(TEMP_PREFIX);

/** Page setup needs ExcelApi 1.9; older clients get the sheets without it. */
const pageLayoutSupported = (): boolean =>
  typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.9') === true;

/** A name not in `taken` (Excel compares sheet names without case), which is then taken. */
function freshName(base: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  let name = base.slice(0, 31);
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)}~${i}`;
  taken.add(name);
  return name;
}

/**
 * Queues the steps of every sheet, syncing only when the next step would push the request over
 * the budget: the number of syncs follows the amount of data, not the number of cells or sheets.
 */
async function queueSteps(
  context: Excel.RequestContext,
  jobs: readonly { sheet: Excel.Worksheet; steps: readonly PaintStep[] }[],
): Promise<void> {
  let bytes = 0;
  for (const { sheet, steps } of jobs) {
    for (const s of steps) {
      if (bytes > 0 && bytes + s.bytes > SYNC_BUDGET_BYTES) {
        await context.sync();
        bytes = 0;
      }
      s.queue(sheet);
      bytes += s.bytes;
    }
  }
}

/** Deletes whichever of the named sheets exist. */
async function deleteSheets(names: readonly string[]): Promise<void> {
  await Excel.run({ delayForCellEdit: true }, async (context) => {
    const sheets = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
    await context.sync();
    for (const sheet of sheets) if (!sheet.isNullObject) sheet.delete();
    await context.sync();
  });
}

/**
 * Replaces the sheets named like the sheets of `source` (adding those that are missing) with
 * copies of them, after every input sheet, and opens the one `source` opens on.
 * @param existing - every sheet name of the open workbook, as read before the computation
 */
export async function replaceSheets(source: Workbook, existing: readonly string[]): Promise<void> {
  const paints = source.worksheets.map(sheetPaint);
  const active = activeSheetName(source);
  const taken = new Set(existing);
  const temps = paints.map((p) => freshName(`${TEMP_PREFIX}${p.name}`, taken));
  const options = { pageLayout: pageLayoutSupported() };
  try {
    await Excel.run({ delayForCellEdit: true }, async (context) => {
      const sheets = context.workbook.worksheets;
      const added = temps.map((name) => {
        const sheet = sheets.add(name);
        sheet.visibility = 'Hidden';
        return sheet;
      });
      await queueSteps(
        context,
        paints.map((paint, i) => ({ sheet: added[i]!, steps: paintSteps(paint, options) })),
      );
      // Everything new is drawn: only now do the previous sheets (and leftovers of an interrupted run) go.
      for (const name of existing.filter(isTempName)) sheets.getItem(name).delete();
      paints.forEach((paint, i) => {
        if (existing.includes(paint.name)) sheets.getItem(paint.name).delete();
        added[i]!.name = paint.name;
        added[i]!.visibility = 'Visible';
      });
      const opened = paints.findIndex((p) => p.name === active);
      if (opened >= 0) added[opened]!.activate();
      await context.sync();
    });
  } catch (error) {
    await deleteSheets(temps).catch(() => undefined);
    throw error;
  }
}

/** Whether the workbook has a sheet for `table` (a 对村考核-<组名> sheet counts for 对村考核). */
function hasSheetFor(table: TableDef, names: readonly string[]): boolean {
  const wanted = normHeader(table.sheet);
  return names.some((n) => normHeader(n) === wanted || (table.key === 'scores' && normHeader(n).startsWith(wanted)));
}

/**
 * 初始化模板: adds every input sheet of the contract that the open workbook lacks, with its
 * header row and dropdowns as laid out in `template`.
 * @returns the names of the sheets added, in contract order
 */
export async function addMissingInputSheets(template: Workbook): Promise<string[]> {
  const options = { pageLayout: pageLayoutSupported() };
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const collection = context.workbook.worksheets.load('items/name');
    await context.sync();
    const names = collection.items.map((s) => s.name);
    const missing = TABLES.filter((t) => !hasSheetFor(t, names)).map((t) => t.sheet);
    const paints = missing.flatMap((name) => {
      const worksheet = template.getWorksheet(name);
      return worksheet ? [sheetPaint(worksheet)] : [];
    });
    if (paints.length === 0) return [];
    const jobs = paints.map((paint) => ({ sheet: collection.add(paint.name), steps: paintSteps(paint, options) }));
    await queueSteps(context, jobs);
    jobs[0]!.sheet.activate();
    await context.sync();
    return paints.map((p) => p.name);
  });
}

/** Opens `sheet` and selects `cell` there (clicking an issue). */
export async function selectCell(sheet: string, cell: string): Promise<boolean> {
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const worksheet = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    if (worksheet.isNullObject) return false;
    worksheet.activate();
    worksheet.getRange(cell).select();
    await context.sync();
    return true;
  });
}
