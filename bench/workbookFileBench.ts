/**
 * The workbook file through the CLI's steps (SPEC §7–§8): time and peak memory of reading a file,
 * computing and making the result copy — by the package reader and graft (today) next to the
 * ExcelJS round trip the CLI used before (load the whole workbook, add the sheets, write it all
 * again). Each measurement runs in a fresh child process, so that peak RSS is that run's alone.
 *
 *   npx tsx bench/workbookFileBench.ts                   example and big-town, 3 runs each
 *   npx tsx bench/workbookFileBench.ts --size example --runs 5
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The big town's grids saved as an .xlsx file, as a town would keep it. */
async function syntheticFile(id: string, dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const grid of syntheticTown(sizeById(id))) workbook.addWorksheet(grid.name).addRows(grid.values as ExcelJS.CellValue[][]);
  const path = join(dir, `${id}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

const { values: flags } = parseArgs({
  options: { size: { type: 'string', multiple: true }, runs: { type: 'string' }, probe: { type: 'string', multiple: true } },
});

if (flags.probe) {
  const [mode, input, out] = flags.probe as [Mode, string, string];
  await probe(mode, input, out);
} else {
  const sizes = (flags.size ?? [EXAMPLE_ID, 'big-town']).flatMap((s) => s.split(','));
  const runs = Number(flags.runs ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'workbook-file-bench-'));
  const tsx = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
  process.stdout.write('| workbook | file | round trip (ExcelJS) | read + graft |\n|---|---:|---:|---:|\n');
  try {
    for (const id of sizes) {
      const input = id === EXAMPLE_ID ? EXAMPLE_FILE : await syntheticFile(id, dir);
      const figures = (mode: Mode) => {
        const all = Array.from({ length: runs }, () =>
          JSON.parse(execFileSync(process.execPath, [tsx, 'bench/workbookFileBench.ts', '--probe', mode, '--probe', input, '--probe', join(dir, `out-${mode}.xlsx`)], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 })) as { ms: number; peakMb: number },
        );
        return `${(median(all.map((f) => f.ms)) / 1000).toFixed(2)} s, ${Math.round(median(all.map((f) => f.peakMb)))} MB`;
      };
      const size = `${(statSync(input).size / 1024 / 1024).toFixed(1)} MB`;
      process.stdout.write(`| ${id} | ${size} | ${figures('roundtrip')} | ${figures('graft')} |\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
