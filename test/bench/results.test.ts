import { describe, expect, it } from 'vitest';
import type { BrowserModeFigures } from '../../bench/browserModeBench.js';
import type { ComputeFigures } from '../../bench/computeBench.js';
import type { PaneLoadFigures } from '../../bench/paneLoadBench.js';
import { judgeTargets, renderResults, type BenchReport, type SizeReport } from '../../bench/results.js';
import { sizeById } from '../../bench/syntheticTown.js';

const MB = 1024 * 1024;

const computeFigures = (computeMs: number, baselineMs: number): ComputeFigures => ({
  cells: 1000,
  runs: 5,
  computeMs,
  lockedMs: 3 * computeMs,
  lockedMonths: 11,
  baselineMs,
  ratio: computeMs / baselineMs,
  status: 'ok',
  errors: 0,
  warnings: 2,
});

/** A report of all three sizes; `edit` changes figures per size. */
function report(edit: Partial<Record<string, Partial<SizeReport>>> = {}, extra: Partial<BenchReport> = {}): BenchReport {
  const sizes = ['town', 'big-town', 'district-year'].map((id): SizeReport => ({ size: sizeById(id), ...edit[id] }));
  return { machine: { cpu: 'Test CPU', cores: 2, node: 'v20.0.0', load: 0.5 }, command: 'npm run bench', date: '2015-04-30', sizes, ...extra };
}

const verdictOf = (r: BenchReport, target: string) => judgeTargets(r).find((v) => v.target === target);

describe('judgeTargets', () => {
  it('meets the 4× target at a ratio of 3.9 and misses it at 4.2', () => {
    // Prepare
    const r = report({ town: { compute: computeFigures(39, 10) }, 'big-town': { compute: computeFigures(210, 50) } });

    // Act
    const town = verdictOf(r, 'town: compute within 4× the baseline');
    const big = verdictOf(r, 'big-town: compute within 4× the baseline');

    // Assess
    expect(town).toEqual({ target: 'town: compute within 4× the baseline', figure: '3.9× (39 ms vs 10 ms)', met: true });
    expect(big?.met).toBe(false);
  });

  it('leaves a target whose figure was not measured neither met nor missed', () => {
    // Prepare
    const r = report();

    // Act
    const verdicts = judgeTargets(r);

    // Assess
    expect(verdicts.every((v) => v.met === null && v.figure === 'not measured')).toBe(true);
    expect(verdicts).toHaveLength(20);
  });

  it('judges the district year against 600 ms and 400 MB', () => {
    // Prepare
    const memory = (peakRss: number) => ({ peakRss, idleRss: 40 * MB, heapUsedAfter: 100 * MB, status: 'ok', answerBytes: 5000 });
    const fast = report({ 'district-year': { compute: computeFigures(590, 200), memory: memory(399 * MB) } });
    const slow = report({ 'district-year': { compute: computeFigures(610, 200), memory: memory(401 * MB) } });
    const targets = ['district-year: compute under 600 ms', 'district-year: peak memory under 400 MB'];

    // Act
    const met = [fast, slow].map((r) => targets.map((t) => verdictOf(r, t)?.met));

    // Assess
    expect(met).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('judges the district year request by its base64 size in the Lambda event', () => {
    // Prepare
    const fits = report({ 'district-year': { request: { raw: 24 * MB, gzip: 4 * MB, lambdaEvent: 6 * MB } } });
    const tooLarge = report({ 'district-year': { request: { raw: 30 * MB, gzip: 5 * MB, lambdaEvent: 6 * MB + 1 } } });
    const target = 'district-year: gzip request within Lambda’s 6 MB payload (or split into parts that are)';

    // Act
    const met = [verdictOf(fits, target)?.met, verdictOf(tooLarge, target)?.met];

    // Assess
    expect(met).toEqual([true, false]);
  });

  it('misses the API target when the API refused the district year', () => {
    // Prepare
    const refusal = { status: 413, code: 'payload_too_large', message: '解压后的请求体超过上限' };
    const r = report({ 'district-year': { api: { sequential: { requests: 1, p50: 80, p95: 80 }, concurrent: null, burst: null, refusal } } });

    // Act
    const verdict = verdictOf(r, 'district-year: the API computes it (local stack, default body limit)');

    // Assess
    expect(verdict).toMatchObject({ figure: '413 payload_too_large', met: false });
  });

  it('judges issue #3 on the example: 8 clients for 30 s, every answer a 200, and no 4× target for it', () => {
    // Prepare
    const size = { id: 'example', villages: 15, groups: 5, staff: 40, scores: 394, attendance: 449, plans: 405, months: 4 };
    const api = (failures: Record<string, number>) => ({
      sequential: { requests: 40, p50: 62, p95: 81 },
      concurrent: { clients: 8, seconds: 30.4, requests: 1520, runsPerSecond: 50, p50: 150, p95: 210, failures },
      burst: { '200': 8 },
      refusal: null,
    });
    const example = (failures: Record<string, number>): SizeReport => ({ size, compute: computeFigures(40, 2), api: api(failures) });
    const target = 'example through the local API: p50/p95 of one client, runs/s of 8 clients for 30 s';

    // Act
    const met = verdictOf(report({}, { sizes: [example({})] }), target);
    const failed = verdictOf(report({}, { sizes: [example({ '503 service_unavailable': 2 })] }), target);
    const ratios = judgeTargets(report({}, { sizes: [example({})] })).filter((v) => v.target.includes('4×'));

    // Assess
    expect(met).toEqual({ target, figure: '62 ms / 81 ms; 50.0/s with 8 clients over 30 s', met: true });
    expect(failed).toMatchObject({ figure: '62 ms / 81 ms; 50.0/s with 8 clients over 30 s, 2 failed', met: false });
    expect(ratios).toEqual([]);
  });

  it('judges the sync counts per size and the largest request or response of any size', () => {
    // Prepare
    const addin = (syncs: number, largestResponse: number) => ({
      readSyncs: syncs - 1,
      writeSyncs: 1,
      syncs,
      largestRequest: 1000,
      largestResponse,
      written: 'results' as const,
      failure: null,
      grids: 10,
      syncBytes: [],
      answerGzip: 0,
      runMs: 0,
    });
    const r = report({ town: { addin: addin(4, 1000) }, 'big-town': { addin: addin(9, 1000) }, 'district-year': { addin: addin(30, 5 * MB + 1) } });

    // Act
    const verdicts = ['add-in town: at most 4 syncs', 'add-in big-town: at most 8 syncs', 'add-in: no request (or response) over 5 MB'].map((t) => verdictOf(r, t)?.met);

    // Assess
    expect(verdicts).toEqual([true, false, false]);
  });

  it('judges the cold start by the slowest handler against node -e 0', () => {
    // Prepare
    const coldStart = {
      nodeMs: 40,
      handlers: [
        { handler: 'compute', bundleBytes: 200 * 1024, answerMs: 150, statusCode: 401 },
        { handler: 'history', bundleBytes: 80 * 1024, answerMs: 195, statusCode: 401 },
      ],
    };
    const r = report({}, { coldStart });

    // Act
    const bundle = verdictOf(r, 'compute bundle under 300 KB');
    const start = verdictOf(r, 'fresh process imports a bundle and answers within 150 ms more than `node -e 0`');

    // Assess
    expect(bundle).toMatchObject({ figure: '200.0 KB', met: true });
    expect(start).toMatchObject({ figure: 'slowest history: +155 ms (195 ms vs 40 ms)', met: false });
  });
});

describe('judgeTargets on what a user waits for', () => {
  const browserMode = (totalMs: number): BrowserModeFigures => ({
    file: 'big-town.xlsx',
    fileBytes: MB,
    runs: 3,
    totalMs,
    readMs: 900,
    clickMs: 30,
    prepareMs: 100,
    requestMs: 1200,
    serverMs: 700,
    computeMs: 95,
    writeMs: 400,
    showMs: 50,
    downloadMs: 40,
  });
  const paneLoad = (firstContentfulPaintMs: number, interactiveMs: number, jsBeforePaintGzip: number): PaneLoadFigures => ({
    runs: 3,
    firstPaintMs: firstContentfulPaintMs,
    firstContentfulPaintMs,
    interactiveMs,
    jsBeforePaintGzip,
    jsBeforePaintRaw: 3 * jsBeforePaintGzip,
    jsBeforePaintFiles: ['taskpane.js', 'auth.js'],
    officeJs: { files: ['office.js'], gzipBytes: 17_000 },
  });

  it('meets the browser mode target at 5 s and misses it just above, naming the steps', () => {
    // Prepare
    const target = 'browser mode big-town: drop → results shown within 5 s';

    // Act
    const met = verdictOf(report({}, { browserMode: browserMode(5000) }), target);
    const missed = verdictOf(report({}, { browserMode: browserMode(5001) }), target);

    // Assess
    expect(met).toEqual({ target, figure: '5.00 s (read 900 ms, request 1200 ms, write 400 ms)', met: true });
    expect(missed?.met).toBe(false);
  });

  it('judges first paint, interactive and the JavaScript before first paint each on its own', () => {
    // Prepare
    const targets = [
      'pane on the slow link: first paint within 2.5 s',
      'pane on the slow link: interactive within 4 s',
      'pane: JavaScript before first paint within 250 KB gzip',
    ];

    // Act
    const within = targets.map((t) => verdictOf(report({}, { paneLoad: paneLoad(2500, 4000, 250 * 1024) }), t)?.met);
    const over = targets.map((t) => verdictOf(report({}, { paneLoad: paneLoad(2501, 4001, 250 * 1024 + 1) }), t)?.met);
    const unmeasured = targets.map((t) => verdictOf(report(), t)?.met);

    // Assess
    expect(within).toEqual([true, true, true]);
    expect(over).toEqual([false, false, false]);
    expect(unmeasured).toEqual([null, null, null]);
  });

  it('renders the steps of the browser mode, the pane’s load and the workbook files', () => {
    // Prepare
    const workbookFiles = [{ id: 'big-town', fileBytes: MB, runs: 3, roundtrip: { ms: 8400, peakMb: 391 }, graft: { ms: 3600, peakMb: 200 } }];
    const r = report({}, { browserMode: browserMode(4200), paneLoad: paneLoad(2100, 2300, 200 * 1024), workbookFiles });

    // Act
    const markdown = renderResults(r);

    // Assess
    expect(markdown).toContain('## What a user waits for');
    expect(markdown).toContain('| drop → results shown | 4200 ms |');
    expect(markdown).toContain('| JavaScript before first paint | 200.0 KB gzip, 600.0 KB raw: taskpane.js, auth.js |');
    expect(markdown).toContain('| big-town | 1.00 MB | 8400 ms, 391 MB | 3600 ms, 200 MB |');
  });
});

describe('renderResults', () => {
  it('writes the machine, a column per size, the targets and the notes', () => {
    // Prepare
    const r = report({ town: { compute: computeFigures(50, 10) } }, { notes: '## Notes\n\nProfiled.' });

    // Act
    const markdown = renderResults(r);

    // Assess
    expect(markdown).toContain('`npm run bench` on 2015-04-30: Test CPU × 2 cores, Node v20.0.0, load average 0.50 at the start.');
    expect(markdown).toContain('|  | town | big-town | district-year |');
    expect(markdown).toContain('| ratio compute / baseline | 5.0× | – | – |');
    expect(markdown).toContain('| town: compute within 4× the baseline | 5.0× (50 ms vs 10 ms) | **missed** |');
    expect(markdown.endsWith('## Notes\n\nProfiled.\n')).toBe(true);
  });
});
