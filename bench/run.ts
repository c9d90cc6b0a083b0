/**
 * `npm run bench`: every benchmark of issue #6 at every size, then RESULTS.md written and printed.
 *
 *   npm run bench                          all sizes and parts, writes bench/RESULTS.md
 *   npm run bench -- --size town           one size (repeat or comma-separate for more)
 *   npm run bench -- --skip api,cold       leave parts out: compute, memory, addin, api, cold
 *   npm run bench -- --api-seconds 5       shorter concurrent API load for every size
 *   npm run bench -- --out /tmp/r.md       where to write (a partial run writes nowhere unless given)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAddin } from './addinBench.js';
import { ApiBench } from './apiBench.js';
import { CACHE_DIR, REPO_ROOT } from './bundle.js';
import { benchColdStart } from './coldStart.js';
import { benchCompute } from './computeBench.js';
import { measureMemory } from './memoryBench.js';
import { computeRequestBody, gzipRequest, requestSizes } from './requestSize.js';
import { renderResults, type BenchReport, type SizeReport } from './results.js';
import { SIZES, sizeById, syntheticTown, SYNTHETIC_TOWN } from './syntheticTown.js';

const PARTS = ['compute', 'memory', 'addin', 'api', 'cold'] as const;
type Part = (typeof PARTS)[number];

/** How hard each size is measured, so that the whole run stays within about ten minutes on two cores. */
const PLAN: Record<string, { computeRuns: number; apiSequential: number; apiSeconds: number }> = {
  town: { computeRuns: 15, apiSequential: 20, apiSeconds: 30 },
  'big-town': { computeRuns: 9, apiSequential: 10, apiSeconds: 15 },
  'district-year': { computeRuns: 3, apiSequential: 3, apiSeconds: 10 },
};
const API_CLIENTS = 8;
const COLD_START_RUNS = 7;

const RESULTS_FILE = join(REPO_ROOT, 'bench', 'RESULTS.md');
const NOTES_FILE = join(REPO_ROOT, 'bench', 'NOTES.md');

const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    'api-seconds': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (flags.help) {
  process.stdout.write(`Usage: npm run bench -- [--size ${SIZES.map((s) => s.id).join('|')}] [--skip ${PARTS.join(',')}] [--api-seconds N] [--out FILE]\n`);
  process.exit(0);
}
const sizes = list(flags.size).length ? list(flags.size).map(sizeById) : [...SIZES];
const skipped = new Set(list(flags.skip));
for (const part of skipped) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part "${part}"; known: ${PARTS.join(', ')}`);
const runs = (part: Part) => !skipped.has(part);
const apiSeconds = flags['api-seconds'] === undefined ? undefined : Number(flags['api-seconds']);
if (apiSeconds !== undefined && !(apiSeconds >= 0)) throw new Error(`--api-seconds needs a number of seconds, not "${flags['api-seconds']}"`);
const complete = sizes.length === SIZES.length && skipped.size === 0;
const outFile = flags.out ?? (complete ? RESULTS_FILE : undefined);

const report: BenchReport = {
  machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown CPU', cores: cpus().length, node: process.version, load: loadavg()[0]! },
  command: ['npm run bench', ...process.argv.slice(2)].join(' ').replace(/^npm run bench (?=-)/, 'npm run bench -- '),
  date: new Date().toISOString().slice(0, 10),
  sizes: sizes.map((size): SizeReport => ({ size })),
  notes: existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, 'utf8') : undefined,
};
const gridsOf = (entry: SizeReport) => syntheticTown(entry.size);

// Compute first, for all sizes, while this process holds nothing else.
if (runs('compute')) {
  for (const entry of report.sizes) {
    progress(`compute ${entry.size.id}`);
    entry.compute = benchCompute(gridsOf(entry), PLAN[entry.size.id]!.computeRuns);
  }
}

mkdirSync(CACHE_DIR, { recursive: true });
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
      const bodyOf = (town: string) => gzipRequest(computeRequestBody(town, syntheticTown(entry.size, undefined, town)));
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

const markdown = renderResults(report);
if (outFile) writeFileSync(outFile, markdown);
process.stdout.write(markdown);
if (outFile) progress(`written to ${outFile}`);
