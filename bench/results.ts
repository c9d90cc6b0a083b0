/**
 * The benchmark report: figures per size (the synthetic towns and the example workbook), the cold
 * start proxy, what a user waits for, the targets of issues #6, #3 and #14 judged met or missed, and
 * RESULTS.md rendered from them. Pure, so the verdicts are tested.
 */
import type { AddinFigures } from './addinBench.js';
import type { ApiFigures } from './apiBench.js';
import type { BrowserModeFigures } from './browserModeBench.js';
import { modelledWait, SLOW_LINK } from './excelLatency.js';
import type { PaneLoadFigures } from './paneLoadBench.js';
import type { WorkbookFileFigures } from './workbookFileBench.js';
import { FUNCTION_SIZING } from '../infra/functionSizing.js';
import { MAX_REQUEST_BYTES } from '../functions/src/domain/limits.js';
import type { ColdStartReport } from './coldStart.js';
import type { LimitWorkload } from './limitsBench.js';
import type { ComputeFigures } from './computeBench.js';
import type { MemoryFigures } from './memoryProbe.js';
import { LAMBDA_PAYLOAD_LIMIT, type RequestSizes } from './requestSize.js';
import { bytes, KB, MB, ms } from './stats.js';
import { SIZES, type TownSize } from './syntheticTown.js';

/** Excel on the web's limit on one request or response. */
export const EXCEL_PAYLOAD_LIMIT = 5 * MB;

/** Everything measured for one size; a part left out of the run is absent. */
export interface SizeReport {
  size: TownSize;
  compute?: ComputeFigures;
  memory?: MemoryFigures;
  request?: RequestSizes;
  addin?: AddinFigures;
  api?: ApiFigures;
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  /** 1-minute load average when the run started (the machine may be shared). */
  load: number;
}

export interface BenchReport {
  machine: Machine;
  command: string;
  date: string;
  sizes: SizeReport[];
  coldStart?: ColdStartReport;
  /** Requests at the documented limits through the validate and compute bundles. */
  limits?: LimitWorkload[];
  /** Workbook files read, computed and copied (the CLI's steps). */
  workbookFiles?: WorkbookFileFigures[];
  /** The browser mode end to end in Chromium. */
  browserMode?: BrowserModeFigures;
  /** The pane's load on the slow link. */
  paneLoad?: PaneLoadFigures;
  /** Hand-written notes appended to RESULTS.md. */
  notes?: string;
}

/** One target of issue #6, #3 or #14: met, missed, or null when its figure was not measured in this run. */
export interface Verdict {
  target: string;
  figure: string;
  met: boolean | null;
}

const verdict = (target: string, figure: string | null, met: boolean | null): Verdict => ({
  target,
  figure: figure ?? 'not measured',
  met: figure === null ? null : met,
});

const bySize = (report: BenchReport, id: string): SizeReport | undefined => report.sizes.find((s) => s.size.id === id);

/** What issue #3 asks of the example workbook through the local API. */
export const EXAMPLE_API_LOAD = { id: 'example', clients: 8, seconds: 30 } as const;

/** Judges every target of issues #6 (the synthetic sizes) and #3 (the example) on the report's figures. */
export function judgeTargets(report: BenchReport): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const s of report.sizes.filter((r) => SIZES.some((size) => size.id === r.size.id))) {
    const c = s.compute;
    verdicts.push(verdict(`${s.size.id}: compute within 4× the baseline`, c ? `${c.ratio.toFixed(1)}× (${ms(c.computeMs)} vs ${ms(c.baselineMs)})` : null, c ? c.ratio <= 4 : null));
  }
  const big = bySize(report, 'big-town')?.compute;
  verdicts.push(verdict('big-town: compute under 300 ms', big ? ms(big.computeMs) : null, big ? big.computeMs < 300 : null));
  const district = bySize(report, 'district-year');
  const dc = district?.compute;
  verdicts.push(verdict('district-year: compute under 5 s', dc ? ms(dc.computeMs) : null, dc ? dc.computeMs < 5000 : null));
  verdicts.push(verdict('district-year: compute under 600 ms', dc ? ms(dc.computeMs) : null, dc ? dc.computeMs < 600 : null));
  const dm = district?.memory;
  verdicts.push(verdict('district-year: peak memory under 1 GB', dm ? `${bytes(dm.peakRss)} peak RSS` : null, dm ? dm.peakRss < 1024 * MB : null));
  verdicts.push(verdict('district-year: peak memory under 400 MB', dm ? `${bytes(dm.peakRss)} peak RSS` : null, dm ? dm.peakRss < 400 * MB : null));
  const dr = district?.request;
  verdicts.push(
    verdict(
      'district-year: gzip request within Lambda’s 6 MB payload (or split into parts that are)',
      dr ? `gzip ${bytes(dr.gzip)}, ${bytes(dr.lambdaEvent)} as a Lambda event (base64); raw ${bytes(dr.raw)}` : null,
      dr ? dr.lambdaEvent <= LAMBDA_PAYLOAD_LIMIT : null,
    ),
  );
  const da = district?.api;
  verdicts.push(
    verdict(
      'district-year: the API computes it (local stack, default body limit)',
      da ? (da.refusal ? `${da.refusal.status} ${da.refusal.code}` : `200 in ${ms(da.sequential.p50)}`) : null,
      da ? da.refusal === null : null,
    ),
  );
  for (const [id, limit] of [['town', 4], ['big-town', 8]] as const) {
    const a = bySize(report, id)?.addin;
    verdicts.push(verdict(`add-in ${id}: at most ${limit} syncs`, a ? `${a.syncs} (${a.readSyncs} read + ${a.writeSyncs} write)` : null, a ? a.syncs <= limit : null));
  }
  const addins = report.sizes.flatMap((s) => (s.addin ? [s.addin] : []));
  const largest = Math.max(...addins.map((a) => Math.max(a.largestRequest, a.largestResponse)));
  verdicts.push(verdict('add-in: no request (or response) over 5 MB', addins.length ? `largest ${bytes(largest)}` : null, largest <= EXCEL_PAYLOAD_LIMIT));
  verdicts.push(exampleApiVerdict(bySize(report, EXAMPLE_API_LOAD.id)?.api));
  const cold = report.coldStart;
  const compute = cold?.handlers.find((h) => h.handler === 'compute');
  verdicts.push(verdict('compute bundle under 300 KB', compute ? bytes(compute.bundleBytes) : null, compute ? compute.bundleBytes < 300 * KB : null));
  const slowest = cold?.handlers.reduce((a, b) => (b.answerMs > a.answerMs ? b : a));
  verdicts.push(
    verdict(
      'fresh process imports a bundle and answers within 150 ms more than `node -e 0`',
      cold && slowest ? `slowest ${slowest.handler}: +${ms(slowest.answerMs - cold.nodeMs)} (${ms(slowest.answerMs)} vs ${ms(cold.nodeMs)})` : null,
      cold && slowest ? slowest.answerMs - cold.nodeMs <= 150 : null,
    ),
  );
  verdicts.push(...waitVerdicts(report));
  return verdicts;
}

/** Issue #14: the browser mode on the big town, and the pane on the slow link. */
function waitVerdicts({ browserMode: b, paneLoad: p }: BenchReport): Verdict[] {
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  return [
    verdict(
      'browser mode big-town: drop → results shown within 5 s',
      b ? `${seconds(b.totalMs)} (read ${ms(b.readMs)}, request ${ms(b.requestMs)}, write ${ms(b.writeMs)})` : null,
      b ? b.totalMs <= 5000 : null,
    ),
    verdict('pane on the slow link: first paint within 2.5 s', p ? seconds(p.firstContentfulPaintMs) : null, p ? p.firstContentfulPaintMs <= 2500 : null),
    verdict('pane on the slow link: interactive within 4 s', p ? seconds(p.interactiveMs) : null, p ? p.interactiveMs <= 4000 : null),
    verdict(
      'pane: JavaScript before first paint within 250 KB gzip',
      p ? `${bytes(p.jsBeforePaintGzip)} gzip (${bytes(p.jsBeforePaintRaw)} raw, ${p.jsBeforePaintFiles.length} files)` : null,
      p ? p.jsBeforePaintGzip <= 250 * KB : null,
    ),
  ];
}

/** Issue #3: p50/p95 of one client and runs/s of 8 clients for 30 s, every answer a 200. */
function exampleApiVerdict(api: ApiFigures | undefined): Verdict {
  const { clients, seconds } = EXAMPLE_API_LOAD;
  const target = `example through the local API: p50/p95 of one client, runs/s of ${clients} clients for ${seconds} s`;
  if (!api) return verdict(target, null, null);
  const c = api.concurrent;
  const failed = c ? Object.values(c.failures).reduce((sum, n) => sum + n, 0) : 0;
  const figure = api.refusal
    ? `${api.refusal.status} ${api.refusal.code}`
    : `${ms(api.sequential.p50)} / ${ms(api.sequential.p95)}; ${c ? `${c.runsPerSecond.toFixed(1)}/s with ${c.clients} clients over ${Math.round(c.seconds)} s${failed ? `, ${failed} failed` : ''}` : 'no concurrent load'}`;
  return verdict(target, figure, c !== null && c.clients >= clients && c.seconds >= seconds && failed === 0);
}

type Row = [label: string, cell: (s: SizeReport) => string | null];

const SIZE_ROWS: readonly Row[] = [
  ['villages · groups · staff', (s) => `${s.size.villages} · ${s.size.groups} · ${s.size.staff}`],
  ['score · attendance · plan rows', (s) => `${s.size.scores.toLocaleString('en-US')} · ${s.size.attendance.toLocaleString('en-US')} · ${s.size.plans.toLocaleString('en-US')}`],
  ['non-empty cells', (s) => (s.compute ? s.compute.cells.toLocaleString('en-US') : null)],
  ['result', (s) => (s.compute ? `${s.compute.status}, ${s.compute.errors} errors, ${s.compute.warnings} warnings` : null)],
  ['compute, median', (s) => (s.compute ? `${ms(s.compute.computeMs)} (of ${s.compute.runs})` : null)],
  ['baseline: JSON.parse + touch every cell', (s) => (s.compute ? ms(s.compute.baselineMs) : null)],
  ['ratio compute / baseline', (s) => (s.compute ? `${s.compute.ratio.toFixed(1)}×` : null)],
  ['compute with the earlier months 定稿 (the lock), median', (s) => (s.compute?.lockedMs === undefined ? null : `${ms(s.compute.lockedMs)} (${s.compute.lockedMonths} months finalised)`)],
  ['peak RSS: parse + compute + answer (child process)', (s) => (s.memory ? `${bytes(s.memory.peakRss)} (idle ${bytes(s.memory.idleRss)})` : null)],
  ['request body raw / gzip', (s) => (s.request ? `${bytes(s.request.raw)} / ${bytes(s.request.gzip)}` : null)],
  ['as a Lambda event (gzip base64 + envelope)', (s) => (s.request ? bytes(s.request.lambdaEvent) : null)],
  ['add-in syncs: read + write', (s) => (s.addin ? `${s.addin.syncs} (${s.addin.readSyncs} + ${s.addin.writeSyncs})${s.addin.failure ? `; failed: ${s.addin.failure}` : ''}` : null)],
  ['add-in largest request / response', (s) => (s.addin ? `${bytes(s.addin.largestRequest)} / ${bytes(s.addin.largestResponse)}` : null)],
  ['API compute p50 / p95, one client', (s) => apiLatency(s.api)],
  ['API runs/s, concurrent clients (a town each)', (s) => apiLoad(s.api)],
  ['API burst: one town’s month computed by all clients at once', (s) => apiBurst(s.api)],
  ['add-in 计算考核 on Excel on the web, modelled: total (syncs, of which bytes; service call; in process)', (s) => addinWait(s)],
];

function addinWait(s: SizeReport): string | null {
  if (!s.addin || !s.request) return null;
  const w = modelledWait(s.addin, s.request.gzip);
  return `${(w.totalMs / 1000).toFixed(1)} s (${ms(w.syncsMs)}, ${ms(w.syncBytesMs)}; ${ms(w.apiMs)}; ${ms(w.localMs)})`;
}

function apiLatency(api: ApiFigures | undefined): string | null {
  if (!api) return null;
  if (api.refusal) return `${api.refusal.status} ${api.refusal.code}`;
  return `${ms(api.sequential.p50)} / ${ms(api.sequential.p95)} (${api.sequential.requests} requests)`;
}

function apiLoad(api: ApiFigures | undefined): string | null {
  const c = api?.concurrent;
  if (!c) return null;
  const failed = Object.entries(c.failures).map(([answer, n]) => `${n} × ${answer}`);
  return `${c.runsPerSecond.toFixed(1)}/s with ${c.clients} clients over ${Math.round(c.seconds)} s (p50 ${ms(c.p50)}, p95 ${ms(c.p95)})${failed.length ? `; failed: ${failed.join(', ')}` : ''}`;
}

function apiBurst(api: ApiFigures | undefined): string | null {
  if (!api?.burst) return null;
  return Object.entries(api.burst).map(([answer, n]) => `${n} × ${answer}`).join(', ');
}

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

/** Requests at the documented limits: what they hold, and each function's time and peak memory against its configuration. */
function limitsSection(limits: readonly LimitWorkload[]): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const rows = limits.flatMap((w) =>
    (['validate', 'compute'] as const).map((route) => {
      const f = w[route];
      const sizing = FUNCTION_SIZING[route];
      return [
        `${w.id}: ${w.sheets} sheets, ${count(w.maxRows)} rows, ${count(w.nonEmptyCells)} cells, text ${count(w.longestText)}; gzip ${bytes(w.gzipBytes)} of ${bytes(MAX_REQUEST_BYTES)}`,
        route,
        `${f.statusCode} ${f.outcome}`,
        `${ms(f.ms)} of ${sizing.timeoutSeconds} s${f.cpuMs === undefined ? '' : ` (CPU ${ms(f.cpuMs)})`}`,
        `${bytes(f.peakRss)} of ${sizing.memoryMb} MB`,
        bytes(f.answerBytes),
      ];
    }),
  );
  return [
    '## Requests at the limits',
    '',
    'Each request answered by the Lambda bundle in a fresh child process (DynamoDB Local), against the function’s configured timeout and memory (`infra/functionSizing.ts`).',
    '',
    table(['request', 'function', 'answer', 'time', 'peak RSS', 'answer size'], rows),
  ];
}

/** What a user waits for: the workbook file, the browser mode and the pane on the slow link. */
function waitsSection(report: BenchReport): string[] {
  const parts: string[] = ['## What a user waits for'];
  const b = report.browserMode;
  if (b) {
    parts.push(
      '',
      `Browser mode in Chromium, production build: \`${b.file}\` (${bytes(b.fileBytes)}) dropped, 计算考核 clicked once it shows as open; medians of ${b.runs} runs after a warm-up.`,
      '',
      table(
        ['step', 'time'],
        [
          ['drop → results shown', ms(b.totalMs)],
          ['read: file → grids in the page', ms(b.readMs)],
          ['the benchmark’s click on 计算考核', ms(b.clickMs)],
          ['limits and 参数 checked in the page', ms(b.prepareMs)],
          ['request: JSON, gzip, upload, service, answer parsed', ms(b.requestMs)],
          ['of which the service (request sent → first byte)', ms(b.serverMs)],
          ['of which compute (the engine on the same grids, in process)', ms(b.computeMs)],
          ['write: result copy grafted', ms(b.writeMs)],
          ['summary rendered and painted', ms(b.showMs)],
          ['download: click → file saved', ms(b.downloadMs)],
        ],
      ),
    );
  }
  const p = report.paneLoad;
  if (p) {
    parts.push(
      '',
      `The pane (production build, gzip as CloudFront serves it, empty cache) on ${SLOW_LINK.downBitsPerSecond / 1e6} Mbit/s down, ${SLOW_LINK.upBitsPerSecond / 1e3} kbit/s up, ${SLOW_LINK.rttMs} ms round trip (DevTools protocol); medians of ${p.runs} loads. Office.js from a local stand-in of the CDN, not throttled and not counted: ${p.officeJs.files.join(', ')}, ${bytes(p.officeJs.gzipBytes)} gzip.`,
      '',
      table(
        ['', ''],
        [
          ['first paint / first contentful paint', `${ms(p.firstPaintMs)} / ${ms(p.firstContentfulPaintMs)}`],
          ['interactive (登录 enabled, no long task pending)', ms(p.interactiveMs)],
          ['JavaScript before first paint', `${bytes(p.jsBeforePaintGzip)} gzip, ${bytes(p.jsBeforePaintRaw)} raw: ${p.jsBeforePaintFiles.join(', ')}`],
        ],
      ),
    );
  }
  const files = report.workbookFiles;
  if (files) {
    const cell = (f: { ms: number; peakMb: number }) => `${ms(f.ms)}, ${Math.round(f.peakMb)} MB`;
    parts.push(
      '',
      'Workbook files through the CLI’s steps (read, compute, result copy), each run a fresh process: medians of time and peak RSS.',
      '',
      table(
        ['workbook', 'file', 'round trip (ExcelJS)', 'read + graft'],
        files.map((f) => [f.id, bytes(f.fileBytes), cell(f.roundtrip), cell(f.graft)]),
      ),
    );
  }
  return parts.length > 1 ? parts : [];
}

const mark = (met: boolean | null): string => (met === null ? '–' : met ? 'met' : '**missed**');

/** RESULTS.md: the machine, the figures per size, the cold start proxy, the targets and the notes. */
export function renderResults(report: BenchReport): string {
  const { machine } = report;
  const parts = [
    '# Benchmark results',
    '',
    `\`${report.command}\` on ${report.date}: ${machine.cpu} × ${machine.cores} cores, Node ${machine.node}, load average ${machine.load.toFixed(2)} at the start.`,
    '',
    table(
      ['', ...report.sizes.map((s) => s.size.id)],
      SIZE_ROWS.map(([label, cell]) => [label, ...report.sizes.map((s) => cell(s) ?? '–')]),
    ),
  ];
  const cold = report.coldStart;
  if (cold) {
    parts.push(
      '',
      '## Lambda cold start proxy',
      '',
      `A fresh \`node\` imports the bundle and answers one request (401, no DynamoDB); \`node -e 0\`: ${ms(cold.nodeMs)} (medians).`,
      '',
      table(
        ['handler', 'bundle', 'import + answer', 'more than node -e 0', 'status'],
        cold.handlers.map((h) => [h.handler, bytes(h.bundleBytes), ms(h.answerMs), `+${ms(h.answerMs - cold.nodeMs)}`, String(h.statusCode)]),
      ),
    );
  }
  if (report.limits) parts.push('', ...limitsSection(report.limits));
  const waits = waitsSection(report);
  if (waits.length) parts.push('', ...waits);
  parts.push('', '## Targets', '', table(['target', 'figure', ''], judgeTargets(report).map((v) => [v.target, v.figure, mark(v.met)])));
  if (report.notes) parts.push('', report.notes.trim());
  return `${parts.join('\n')}\n`;
}
