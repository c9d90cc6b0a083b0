/**
 * The workbook file through the CLI's steps (SPEC §7–§8): time and peak memory of reading a file,
 * computing and making the result copy — by the package reader and graft (today) next to the
 * ExcelJS round trip the CLI used before (load the whole workbook, add the sheets, write it all
 * again). Each measurement runs in a fresh child process, so that peak RSS is that run's alone.
 * Part `file` of `npm run bench`; also runs alone:
 *
 *   npx tsx bench/workbookFileBench.ts                   example and big-town, 3 runs each
 *   npx tsx bench/workbookFileBench.ts --size example --runs 5
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { compute } from '../functions/src/domain/index.js';
import { graftResultSheets } from '../functions/src/workbook/graftResults.js';
import { packageToGrids } from '../functions/src/workbook/readPackage.js';
import { workbookToGrids } from '../functions/src/workbook/readWorkbook.js';
import { openWorkbookFile } from '../functions/src/workbook/readWorkbookFile.js';
import { writeResultSheets } from '../functions/src/workbook/writeResults.js';
import { REPO_ROOT } from './bundle.js';
import { EXAMPLE_FILE, EXAMPLE_ID } from './exampleWorkbook.js';
import { median } from './stats.js';
import { sizeById, syntheticTown } from './syntheticTown.js';

type Mode = 'graft' | 'roundtrip';

/** One run in this process: read, compute, copy; prints `{ ms, peakMb }`. */
async function probe(mode: Mode, input: string, out: string): Promise<void> {
  const start = performance.now();
  if (mode === 'graft') {
    const pkg = await openWorkbookFile(input);
    writeFileSync(out, await graftResultSheets(pkg.bytes, compute(await packageToGrids(pkg))));
  } else {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(input)).buffer as ArrayBuffer);
    writeResultSheets(workbook, compute(workbookToGrids(workbook)));
    writeFileSync(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

/** A synthetic size's grids saved as an .xlsx file in `dir` (ExcelJS), as a town would keep it. */
export async function syntheticFile(id: string, dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const grid of syntheticTown(sizeById(id))) workbook.addWorksheet(grid.name).addRows(grid.values as ExcelJS.CellValue[][]);
  const path = join(dir, `${id}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Medians of one way of making the result copy: time and peak RSS of a fresh process. */
export interface FileRunFigures {
  ms: number;
  peakMb: number;
}

/** One workbook file through both ways. */
export interface WorkbookFileFigures {
  id: string;
  fileBytes: number;
  runs: number;
  roundtrip: FileRunFigures;
  graft: FileRunFigures;
}

/** Runs each way `runs` times per workbook (example or a synthetic size), each run in a fresh process. */
export async function benchWorkbookFiles(ids: readonly string[], runs: number): Promise<WorkbookFileFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-file-bench-'));
  const tsx = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
  const rows: WorkbookFileFigures[] = [];
  try {
    for (const id of ids) {
      const input = id === EXAMPLE_ID ? EXAMPLE_FILE : await syntheticFile(id, dir);
      const figures = (mode: Mode): FileRunFigures => {
        const all = Array.from({ length: runs }, () =>
          JSON.parse(execFileSync(process.execPath, [tsx, 'bench/workbookFileBench.ts', '--probe', mode, '--probe', input, '--probe', join(dir, `out-${mode}.xlsx`)], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 })) as FileRunFigures,
        );
        return { ms: median(all.map((f) => f.ms)), peakMb: median(all.map((f) => f.peakMb)) };
      };
      rows.push({ id, fileBytes: statSync(input).size, runs, roundtrip: figures('roundtrip'), graft: figures('graft') });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values: flags } = parseArgs({
    options: { size: { type: 'string', multiple: true }, runs: { type: 'string' }, probe: { type: 'string', multiple: true } },
  });
  if (flags.probe) {
    const [mode, input, out] = flags.probe as [Mode, string, string];
    await probe(mode, input, out);
  } else {
    const rows = await benchWorkbookFiles((flags.size ?? [EXAMPLE_ID, 'big-town']).flatMap((s) => s.split(',')), Number(flags.runs ?? 3));
    const cell = (f: FileRunFigures) => `${(f.ms / 1000).toFixed(2)} s, ${Math.round(f.peakMb)} MB`;
    process.stdout.write('| workbook | file | round trip (ExcelJS) | read + graft |\n|---|---:|---:|---:|\n');
    for (const r of rows) process.stdout.write(`| ${r.id} | ${(r.fileBytes / 1024 / 1024).toFixed(1)} MB | ${cell(r.roundtrip)} | ${cell(r.graft)} |\n`);
  }
}
