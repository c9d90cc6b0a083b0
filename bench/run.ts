/**
 * `npm run bench`: every benchmark of issue #6 at every size, and the example workbook's compute
 * through the local API of issue #3 (the example is a size of its own, measured like the others),
 * what a user waits for (issue #14: the workbook file, the browser mode, the pane on a slow link,
 * the add-in's syncs under a latency model), then RESULTS.md written and printed.
 *
 *   npm run bench                          all sizes and parts, writes bench/RESULTS.md
 *   npm run bench -- --size example        one size (repeat or comma-separate for more)
 *   npm run bench -- --skip api,cold       leave parts out: compute, memory, addin, api, cold, limits, file, browser, pane
 *   npm run bench -- --api-seconds 5       shorter concurrent API load for every size
 *   npm run bench -- --out /tmp/r.md       where to write (a partial run writes nowhere unless given)
 *   npm run bench -- --render              RESULTS.md again from the last complete run and the current NOTES.md
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Grid } from '../functions/src/domain/types.js';
import { benchAddin } from './addinBench.js';
import { ApiBench } from './apiBench.js';
import { benchBrowserMode } from './browserModeBench.js';
import { CACHE_DIR, REPO_ROOT, runBundled } from './bundle.js';
import { benchColdStart } from './coldStart.js';
import type { ComputeFigures } from './computeBench.js';
import { EXAMPLE_ID, exampleWorkbook, withTown } from './exampleWorkbook.js';
import { allLimits, benchLimits, bodyLimit, rowsAtLimit } from './limitsBench.js';
import { measureMemory } from './memoryBench.js';
import { benchPaneLoad } from './paneLoadBench.js';
import { computeRequestBody, gzipRequest, requestSizes } from './requestSize.js';
import { renderResults, type BenchReport, type SizeReport } from './results.js';
import { SIZES, syntheticTown, SYNTHETIC_TOWN } from './syntheticTown.js';
import { benchWorkbookFiles, syntheticFile } from './workbookFileBench.js';

const PARTS = ['compute', 'memory', 'addin', 'api', 'cold', 'limits', 'file', 'browser', 'pane'] as const;
type Part = (typeof PARTS)[number];

/** How hard each size is measured, so that the whole run stays within about ten minutes on two cores. */
const PLAN: Record<string, { computeRuns: number; apiSequential: number; apiSeconds: number }> = {
  [EXAMPLE_ID]: { computeRuns: 15, apiSequential: 40, apiSeconds: 30 },
  town: { computeRuns: 15, apiSequential: 20, apiSeconds: 30 },
  'big-town': { computeRuns: 9, apiSequential: 10, apiSeconds: 15 },
  'district-year': { computeRuns: 3, apiSequential: 3, apiSeconds: 10 },
};
const API_CLIENTS = 8;
const COLD_START_RUNS = 7;
/** What a user waits for (issue #14), once per run: the file bench's workbooks, runs of each measurement. */
const FILE_BENCH = { ids: [EXAMPLE_ID, 'big-town'], runs: 3 };
const BROWSER_MODE = { size: 'big-town', runs: 3 };
const PANE_LOADS = 3;

const RESULTS_FILE = join(REPO_ROOT, 'bench', 'RESULTS.md');
const NOTES_FILE = join(REPO_ROOT, 'bench', 'NOTES.md');
/** The figures of the last complete run, so that RESULTS.md can be rendered again with edited notes. */
const LAST_REPORT_FILE = join(CACHE_DIR, 'last-report.json');

const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    'api-seconds': { type: 'string' },
    out: { type: 'string' },
    render: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

/** Writes RESULTS.md (or `file`) from `report` with the current NOTES.md, and prints it. */
function publish(report: BenchReport, file: string | undefined): void {
  const markdown = renderResults({ ...report, notes: existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, 'utf8') : undefined });
  if (file) writeFileSync(file, markdown);
  process.stdout.write(markdown);
  if (file) progress(`written to ${file}`);
}

if (flags.render) {
  if (!existsSync(LAST_REPORT_FILE)) throw new Error('no complete run to render yet: run `npm run bench` first');
  publish(JSON.parse(readFileSync(LAST_REPORT_FILE, 'utf8')) as BenchReport, flags.out ?? RESULTS_FILE);
  process.exit(0);
}

/** A column of the results: its size, and its workbook made out to one of the benchmark's towns (基准镇 unless given). */
interface Workload {
  size: SizeReport['size'];
  grids: (town?: string) => Grid[];
}

const example = await exampleWorkbook();
const WORKLOADS: readonly Workload[] = [
  { size: example.size, grids: (town = SYNTHETIC_TOWN) => withTown(example.grids, town) },
  ...SIZES.map((size): Workload => ({ size, grids: (town = SYNTHETIC_TOWN) => syntheticTown(size, undefined, town) })),
];
const workloadById = (id: string): Workload => {
  const workload = WORKLOADS.find((w) => w.size.id === id);
  if (!workload) throw new Error(`unknown size "${id}"; known: ${WORKLOADS.map((w) => w.size.id).join(', ')}`);
  return workload;
};

if (flags.help) {
  process.stdout.write(`Usage: npm run bench -- [--size ${WORKLOADS.map((w) => w.size.id).join('|')}] [--skip ${PARTS.join(',')}] [--api-seconds N] [--out FILE] | --render\n`);
  process.exit(0);
}
const workloads = list(flags.size).length ? list(flags.size).map(workloadById) : WORKLOADS;
const skipped = new Set(list(flags.skip));
for (const part of skipped) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part "${part}"; known: ${PARTS.join(', ')}`);
const runs = (part: Part) => !skipped.has(part);
const apiSeconds = flags['api-seconds'] === undefined ? undefined : Number(flags['api-seconds']);
if (apiSeconds !== undefined && !(apiSeconds >= 0)) throw new Error(`--api-seconds needs a number of seconds, not "${flags['api-seconds']}"`);
const complete = workloads.length === WORKLOADS.length && skipped.size === 0;
const outFile = flags.out ?? (complete ? RESULTS_FILE : undefined);

const report: BenchReport = {
  machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown CPU', cores: cpus().length, node: process.version, load: loadavg()[0]! },
  command: ['npm run bench', ...process.argv.slice(2)].join(' ').replace(/^npm run bench (?=-)/, 'npm run bench -- '),
  date: new Date().toISOString().slice(0, 10),
  sizes: workloads.map(({ size }): SizeReport => ({ size })),
};
const gridsOf = (entry: SizeReport) => workloadById(entry.size.id).grids();

mkdirSync(CACHE_DIR, { recursive: true });
// Compute in a child that holds only the engine, as a Lambda instance holds only its handler.
if (runs('compute')) {
  for (const entry of report.sizes) {
    progress(`compute ${entry.size.id}`);
    const file = join(CACHE_DIR, `grids-${entry.size.id}.json`);
    writeFileSync(file, JSON.stringify(gridsOf(entry)));
    entry.compute = await runBundled<ComputeFigures>('bench/computeProbe.ts', 'computeProbe', [file, String(PLAN[entry.size.id]!.computeRuns)]);
    rmSync(file);
  }
}

for (const entry of report.sizes) {
  const body = computeRequestBody(SYNTHETIC_TOWN, gridsOf(entry));
  entry.request = requestSizes(body);
  if (runs('memory')) {
    progress(`memory ${entry.size.id}`);
    const file = join(CACHE_DIR, `request-${entry.size.id}.json`);
    writeFileSync(file, body);
    entry.memory = await measureMemory(file);
    rmSync(file);
  }
  if (runs('addin')) {
    progress(`add-in ${entry.size.id}`);
    entry.addin = await benchAddin(gridsOf(entry));
  }
}

if (runs('api')) {
  progress('starting the local API with DynamoDB Local');
  // One town per concurrent client, as on the shared service; the first is the workbook's own.
  const towns = [SYNTHETIC_TOWN, ...Array.from({ length: API_CLIENTS - 1 }, (_, i) => `${SYNTHETIC_TOWN}${i + 2}`)];
  const api = await ApiBench.start(towns);
  try {
    for (const entry of report.sizes) {
      const plan = PLAN[entry.size.id]!;
      progress(`API ${entry.size.id}`);
      const workload = workloadById(entry.size.id);
      const bodyOf = (town: string) => gzipRequest(computeRequestBody(town, workload.grids(town)));
      entry.api = await api.measure(bodyOf, {
        sequential: plan.apiSequential,
        clients: API_CLIENTS,
        seconds: apiSeconds ?? plan.apiSeconds,
      });
    }
  } finally {
    await api.stop();
  }
}

if (runs('cold')) {
  progress('Lambda cold start proxy');
  report.coldStart = await benchColdStart(COLD_START_RUNS);
}

if (runs('limits')) {
  // Once per run, not per size: requests at the documented limits through the Lambda bundles.
  report.limits = await benchLimits(
    [
      { id: 'rows-limit', grids: rowsAtLimit(withTown(example.grids, SYNTHETIC_TOWN)) },
      { id: 'all-limits', grids: allLimits() },
      { id: 'body-limit', grids: bodyLimit() },
    ],
    progress,
  );
}

if (runs('file')) {
  progress(`workbook files: ${FILE_BENCH.ids.join(', ')}`);
  report.workbookFiles = await benchWorkbookFiles(FILE_BENCH.ids, FILE_BENCH.runs);
}

if (runs('browser')) {
  progress(`browser mode: ${BROWSER_MODE.size} dropped into Chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'browser-mode-bench-'));
  try {
    report.browserMode = await benchBrowserMode(await syntheticFile(BROWSER_MODE.size, dir), BROWSER_MODE.runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (runs('pane')) {
  progress('the pane on a slow link');
  report.paneLoad = await benchPaneLoad(PANE_LOADS);
}

if (complete) writeFileSync(LAST_REPORT_FILE, JSON.stringify(report));
publish(report, outFile);
