/**
 * Writes sheets laid out with ExcelJS into the open workbook, so that a failure at any step leaves
 * every result sheet entirely old or entirely new, and says which. Excel does not roll back a
 * failed batch, so the write goes in three steps, each recoverable:
 *
 * 1. checks (protection, read-only) and repairs: leftovers of interrupted runs are removed (an
 *    orphaned backup of an old result is put back), and a probe sheet tries a merge and a
 *    deletion, which a legacy shared workbook refuses, before anything else is added;
 * 2. draws the new sheets hidden under temporary names unique to the run (`~新<run><i>~<name>`);
 * 3. swaps: each current result sheet is renamed to a backup (`~旧<run><i>~<name>`) and hidden, the
 *    new one takes its name and is shown; only then are the backups deleted.
 *
 * After a failure the workbook is read again and settled: a sheet whose new version took its
 * name counts as replaced, the others get their backup back; temporary sheets of the run are
 * deleted, and those Excel refuses to delete are remembered and removed by the next run. A run
 * never touches another run's temporary sheets while that run may still be going on.
 */
import type { Workbook } from 'exceljs';
import { normHeader } from '../../../functions/src/domain/normalize.js';
import { TABLES, type TableDef } from '../../../functions/src/domain/tables.js';
import { SYNC_BUDGET_BYTES } from './payload.js';
import { hostPaintOptions, type PaintStep, paintSteps } from './paintSheet.js';
import { activeSheetName, sheetPaint } from './sheetPaint.js';
import {
  assertWritable,
  excelCode,
  isSharedRefusal,
  LOCK_MESSAGES,
  UNCHANGED,
  WorkbookLockedError,
  WriteError,
  type WriteReport,
} from './workbookAccess.js';

/** `~新`, `~旧` or `~检` (probe), the run id (minutes since 1970 and 3 random characters, base 36), the index. */
const TEMP_NAME = /^~([新旧检])([0-9a-z]{5})[0-9a-z]{3}[0-9a-z]~(.*)$/;
/** Names the earlier version of this module gave its sheets being drawn. */
const OLD_TEMP_PREFIX = '~新~';

/**
 * Minutes after which another run's temporary sheets are taken for leftovers of a run that was
 * interrupted (Excel closed, add-in reloaded): no write of results takes that long.
 */
export const STALE_MINUTES = 30;

/** Whether a sheet is one this module is drawing or keeping aside (or one left behind by an interrupted run). */
export const isTempName = (name: string): boolean => TEMP_NAME.test(name) || name.startsWith(OLD_TEMP_PREFIX);

/** Temporary sheets of this runtime's earlier runs that Excel refused to delete: the next run removes them. */
const ownLeftovers = new Set<string>();

/** A run's own id: the minute it started and three random characters, in base 36. */
export function newRunId(now: number = Date.now(), random: () => number = Math.random): string {
  const minutes = Math.floor(now / 60_000).toString(36).padStart(5, '0').slice(-5);
  const tail = Array.from({ length: 3 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `${minutes}${tail}`;
}

const tempName = (kind: '新' | '旧' | '检', run: string, index: number, name: string): string =>
  `~${kind}${run}${index.toString(36)}~${name}`.slice(0, 31);

/**
 * Whether `name` is a temporary sheet this run may remove or restore: one this runtime failed to
 * delete, a sheet of the earlier naming, or another run's older than {@link STALE_MINUTES}.
 */
function isLeftover(name: string, now: number): boolean {
  if (ownLeftovers.has(name) || name.startsWith(OLD_TEMP_PREFIX)) return true;
  const match = TEMP_NAME.exec(name);
  if (!match) return false;
  return Math.floor(now / 60_000) - parseInt(match[2]!, 36) > STALE_MINUTES;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

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

interface SheetState {
  id: string;
  name: string;
  visibility: string;
}

/** Every sheet's id, name and visibility, loaded with the next sync. */
function loadSheets(context: Excel.RequestContext): () => SheetState[] {
  const collection = context.workbook.worksheets.load('items/id,items/name,items/visibility');
  return () => collection.items.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility }));
}

/**
 * Step 1: removes leftovers (an orphaned backup whose result sheet is missing is put back
 * instead), then adds a probe sheet, merges two of its cells and deletes it. A legacy shared
 * workbook refuses the deletion or the merge before anything of this run exists but the probe.
 */
async function repairAndProbe(context: Excel.RequestContext, sheets: readonly SheetState[], run: string, now: number): Promise<void> {
  const sheetsApi = context.workbook.worksheets;
  for (const sheet of sheets.filter((s) => isLeftover(s.name, now))) {
    const proxy = sheetsApi.getItem(sheet.name);
    const match = TEMP_NAME.exec(sheet.name);
    const final = match?.[1] === '旧' ? match[3]! : null;
    if (final && !sheets.some((s) => sameName(s.name, final))) {
      proxy.name = final;
      proxy.visibility = 'Visible';
    } else {
      if (sheet.visibility === 'VeryHidden') proxy.visibility = 'Hidden';
      proxy.delete();
    }
  }
  const probe = sheetsApi.add(tempName('检', run, 0, ''));
  probe.visibility = 'Hidden';
  probe.getRange('A1:B1').merge();
  probe.delete();
  await context.sync();
}

/** Deletes whichever of `names` exist; returns those still there afterwards (Excel refused). */
async function deleteSheets(names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  try {
    await Excel.run(async (context) => {
      const proxies = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
      await context.sync();
      for (const proxy of proxies) if (!proxy.isNullObject) proxy.delete();
      await context.sync();
    });
  } catch {
    // What remains is read below.
  }
  const remaining = await Excel.run(async (context) => {
    const read = loadSheets(context);
    await context.sync();
    return read().filter((s) => names.some((n) => sameName(n, s.name))).map((s) => s.name);
  }).catch(() => [...names]);
  for (const name of names) ownLeftovers.delete(name);
  for (const name of remaining) ownLeftovers.add(name);
  return remaining;
}

/** One result sheet of this run: its final name, its temporary names and ids. */
interface Target {
  final: string;
  temp: string;
  backup: string;
  /** Id of the new sheet, known once it is drawn. */
  newId: string | null;
  /** Id of the sheet that held the final name when the swap began. */
  oldId: string | null;
}

/**
 * After a failed swap: a sheet whose new version holds its name is replaced (its backup goes);
 * otherwise the backup gets its name back and the new version goes. Reports what is there then.
 */
async function settle(targets: readonly Target[]): Promise<WriteReport> {
  const report: WriteReport = { replaced: [], kept: [], absent: [], leftovers: [] };
  const doomed: string[] = [];
  try {
    await Excel.run(async (context) => {
      const read = loadSheets(context);
      await context.sync();
      const sheets = read();
      const byId = (id: string | null) => (id ? sheets.find((s) => s.id === id) : undefined);
      for (const t of targets) {
        const placed = byId(t.newId);
        const old = byId(t.oldId);
        if (placed && sameName(placed.name, t.final)) {
          if (placed.visibility !== 'Visible') context.workbook.worksheets.getItem(placed.name).visibility = 'Visible';
          if (old) doomed.push(old.name);
          continue;
        }
        if (placed) doomed.push(placed.name);
        if (old && !sameName(old.name, t.final)) {
          const proxy = context.workbook.worksheets.getItem(old.name);
          proxy.name = t.final;
          proxy.visibility = 'Visible';
        }
      }
      await context.sync();
    });
  } catch {
    // Whatever could not be put back is reported as it is, below.
  }
  report.leftovers = await deleteSheets(doomed);
  const sheets = await Excel.run(async (context) => {
    const read = loadSheets(context);
    await context.sync();
    return read();
  });
  for (const t of targets) {
    const holder = sheets.find((s) => sameName(s.name, t.final));
    if (holder && holder.id === t.newId) report.replaced.push(t.final);
    else if (holder) report.kept.push(t.final);
    else {
      // An old version still aside under its backup name counts as kept, to be put back by the next run.
      const aside = sheets.find((s) => s.id === t.oldId);
      if (aside) {
        report.kept.push(t.final);
        ownLeftovers.add(aside.name);
        report.leftovers.push(aside.name);
      } else report.absent.push(t.final);
    }
  }
  return report;
}

/** Options of a write; tests pin the clock and the run id. */
export interface ReplaceOptions {
  now?: number;
  run?: string;
}

/**
 * Replaces the sheets named like the sheets of `source` (adding those that are missing) with
 * copies of them, after every other sheet, and opens the one `source` opens on.
 * @returns which sheets now hold this run's result (all of them) and any leftovers
 * @throws WorkbookLockedError when the workbook may not be written (nothing written)
 * @throws WriteError when Excel failed part of the way (the message says what the workbook holds)
 */
export async function replaceSheets(source: Workbook, options: ReplaceOptions = {}): Promise<WriteReport> {
  const now = options.now ?? Date.now();
  const run = options.run ?? newRunId(now);
  const paints = source.worksheets.map(sheetPaint);
  const active = activeSheetName(source);
  const paintOptions = hostPaintOptions();
  const targets: Target[] = paints.map((p, i) => ({
    final: p.name,
    temp: tempName('新', run, i, p.name),
    backup: tempName('旧', run, i, p.name),
    newId: null,
    oldId: null,
  }));
  const untouched = (code: string, leftovers: string[] = []): WriteError =>
    new WriteError({ replaced: [], kept: targets.map((t) => t.final), absent: [], leftovers }, code);

  // Step 1: checks and repairs. Nothing of this run but the probe exists if it fails.
  try {
    await Excel.run({ delayForCellEdit: true }, async (context) => {
      const read = loadSheets(context);
      await assertWritable(context);
      await repairAndProbe(context, read(), run, now);
    });
  } catch (error) {
    if (error instanceof WorkbookLockedError) throw error;
    // This run's probe, and any of this runtime's leftovers that the repair could not remove.
    const leftovers = await deleteSheets([tempName('检', run, 0, ''), ...ownLeftovers]);
    if (isSharedRefusal(error)) {
      const note = leftovers.length > 0 ? `留下了一张隐藏的空白工作表 ${leftovers.join('、')}，取消共享后下次运行时会自动删除。` : UNCHANGED;
      throw new WorkbookLockedError('legacyShared', `${LOCK_MESSAGES.legacyShared}${note}`);
    }
    throw untouched(excelCode(error), leftovers);
  }

  // Step 2: the new sheets, hidden, under this run's names.
  let sheets: SheetState[];
  try {
    sheets = await Excel.run({ delayForCellEdit: true }, async (context) => {
      const api = context.workbook.worksheets;
      const added = targets.map((t) => {
        const sheet = api.add(t.temp);
        sheet.visibility = 'Hidden';
        return sheet;
      });
      await queueSteps(
        context,
        paints.map((paint, i) => ({ sheet: added[i]!, steps: paintSteps(paint, paintOptions) })),
      );
      const read = loadSheets(context);
      await context.sync();
      return read();
    });
  } catch (error) {
    throw untouched(excelCode(error), await deleteSheets(targets.map((t) => t.temp)));
  }
  for (const t of targets) {
    t.newId = sheets.find((s) => s.name === t.temp)!.id;
    t.oldId = sheets.find((s) => sameName(s.name, t.final))?.id ?? null;
  }

  // Step 3: the swap, then the backups go.
  try {
    await Excel.run({ delayForCellEdit: true }, async (context) => {
      const api = context.workbook.worksheets;
      for (const t of targets) {
        const old = t.oldId ? api.getItem(sheets.find((s) => s.id === t.oldId)!.name) : null;
        if (old) old.name = t.backup;
        const placed = api.getItem(t.temp);
        placed.name = t.final;
        placed.visibility = 'Visible';
        if (old) old.visibility = 'Hidden';
      }
      const opened = targets.find((t) => t.final === active);
      if (opened) api.getItem(opened.final).activate();
      for (const t of targets) if (t.oldId) api.getItem(t.backup).delete();
      await context.sync();
    });
  } catch (error) {
    const report = await settle(targets);
    // Every sheet placed (only the opening or a backup's deletion failed): done; the next run removes the backups.
    if (report.kept.length === 0 && report.absent.length === 0) return report;
    throw new WriteError(report, excelCode(error));
  }
  return { replaced: targets.map((t) => t.final), kept: [], absent: [], leftovers: [] };
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
  const options = hostPaintOptions();
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const collection = context.workbook.worksheets.load('items/name');
    await assertWritable(context);
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
