/**
 * Reads the open workbook for the engine: the used range (values only) of every sheet the
 * engine recognises, in as few syncs as the 5 MB request limit allows.
 *
 * Sync 1 lists the sheets; sync 2 loads every sheet's used-range size and its first rows, on
 * which the engine's own table detection picks the sheets to read and the bytes a cell of each
 * sheet takes in a response are estimated; then as many syncs as the planned blocks need (one
 * for an ordinary workbook).
 */
import { detectTables } from '../../../functions/src/domain/detectTables.js';
import { IssueList } from '../../../functions/src/domain/issues.js';
import { address, assembleSheets } from '../../../functions/src/domain/sheets.js';
import type { Grid } from '../../../functions/src/domain/types.js';
import { type Block, blockBytes, estimateCellBytes, isPayloadTooLarge, planSyncs, SYNC_BUDGET_BYTES } from './payload.js';
import { isTempName } from './writeSheets.js';

/** The workbook as read for one computation. */
export interface WorkbookSnapshot {
  /** Every sheet name in tab order when the workbook was read. */
  sheetNames: string[];
  /** Used ranges of the recognised sheets in tab order; a large sheet comes in several grids. */
  grids: Grid[];
}

/** Rows in which the engine looks for a header row (SPEC §2). */
const HEADER_ROWS = 10;

/**
 * Names of the sheets the engine would read: recognised by name or header, or named like a
 * table but with a header the engine will report as incomplete (so the report names the sheet).
 */
export function recognisedSheets(heads: readonly Grid[]): Set<string> {
  const issues = new IssueList();
  const tables = detectTables(assembleSheets(heads), issues);
  const names = new Set(heads.map((h) => h.name));
  const recognised = new Set([...tables.values()].flat().map((t) => t.sheet.name));
  for (const issue of issues.items) if (issue.code === 'missing_column' && names.has(issue.sheet)) recognised.add(issue.sheet);
  return recognised;
}

/** Reads `blocks` with `load('values')`, halving any sync Excel refuses for its size. */
async function readBlocks(
  context: Excel.RequestContext,
  sheets: ReadonlyMap<string, Excel.Worksheet>,
  blocks: readonly Block[],
): Promise<Grid[]> {
  const grids: Grid[] = [];
  const pending = planSyncs(blocks, SYNC_BUDGET_BYTES);
  // One sync per planned request: the number of syncs is set by the data size, not by sheets or rows.
  for (let batch = pending.shift(); batch; batch = pending.shift()) {
    const ranges = batch.map((b) =>
      sheets.get(b.sheet)!.getRangeByIndexes(b.rowIndex, b.columnIndex, b.rowCount, b.columnCount).load('values'),
    );
    try {
      await context.sync();
    } catch (error) {
      const single = batch.length === 1 && batch[0]!.rowCount === 1;
      if (!isPayloadTooLarge(error) || single) throw error;
      pending.unshift(...planSyncs(batch, Math.ceil(blockBytes(batch) / 2)));
      continue;
    }
    batch.forEach((b, i) => {
      grids.push({ name: b.sheet, origin: address(b.rowIndex + 1, b.columnIndex + 1), values: ranges[i]!.values });
    });
  }
  return grids;
}

/** Reads the recognised sheets of the open workbook; input values are only read, never written. */
export async function readWorkbook(): Promise<WorkbookSnapshot> {
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const collection = context.workbook.worksheets.load('items/name');
    await context.sync();

    const probes = collection.items
      .filter((sheet) => !isTempName(sheet.name))
      .map((sheet) => ({
        sheet,
        used: sheet.getUsedRangeOrNullObject(true).load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']),
        head: sheet.getRange(`1:${HEADER_ROWS}`).getUsedRangeOrNullObject(true).load(['rowIndex', 'columnIndex', 'values']),
      }));
    await context.sync();

    const heads: Grid[] = probes.map(({ sheet, head }) =>
      head.isNullObject
        ? { name: sheet.name, origin: 'A1', values: [['']] }
        : { name: sheet.name, origin: address(head.rowIndex + 1, head.columnIndex + 1), values: head.values },
    );
    const wanted = recognisedSheets(heads);
    const chosen = probes.filter((p) => wanted.has(p.sheet.name));
    const blocks: Block[] = chosen
      .filter((p) => !p.used.isNullObject)
      .map(({ sheet, used, head }) => ({
        sheet: sheet.name,
        rowIndex: used.rowIndex,
        columnIndex: used.columnIndex,
        rowCount: used.rowCount,
        columnCount: used.columnCount,
        cellBytes: estimateCellBytes(head.isNullObject ? [] : head.values),
      }));
    const read = await readBlocks(context, new Map(chosen.map((p) => [p.sheet.name, p.sheet])), blocks);
    // A recognised sheet without values still goes to the engine, which reports its missing columns.
    const grids = chosen.flatMap(({ sheet, used }) =>
      used.isNullObject ? [{ name: sheet.name, origin: 'A1', values: [['']] }] : read.filter((g) => g.name === sheet.name),
    );
    return { sheetNames: collection.items.map((s) => s.name), grids };
  });
}
