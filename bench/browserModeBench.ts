/**
 * The browser mode end to end in Chromium: a workbook file dropped into the production build of
 * taskpane.html served by the local stack (API in worker threads, DynamoDB Local in memory),
 * 计算考核 clicked as soon as the file is open, until the results are shown and the result copy
 * downloaded. The page's `kh:*` marks (addin/src/common/marks.ts) and the Resource Timing of the
 * compute request split the wait into its steps.
 */
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { compute } from '../functions/src/domain/index.js';
import { startLocalStack } from '../functions/src/server/localStack.js';
import { packageToGrids } from '../functions/src/workbook/readPackage.js';
import { openWorkbookFile } from '../functions/src/workbook/readWorkbookFile.js';
import { createSignedUpAccount, fillSignIn } from '../test/browser/signInSteps.js';
import { launchChromium, productionAddin, serveOfficeJsStandIn } from './chromium.js';
import { median, timeRuns } from './stats.js';
import { SYNTHETIC_TOWN } from './syntheticTown.js';

/** Medians over the measured runs, in milliseconds. */
export interface BrowserModeFigures {
  file: string;
  fileBytes: number;
  runs: number;
  /** Drop → results shown: what the target is about. */
  totalMs: number;
  /** The dropped file's bytes → grids in the page (`kh:open` → `kh:opened`). */
  readMs: number;
  /** The benchmark's click on 计算考核 once the file shows as open (a user takes longer). */
  clickMs: number;
  /** Limits and 参数 checked in the page before sending (`kh:run` → `kh:send`). */
  prepareMs: number;
  /** JSON, gzip, upload, the service, download and parse of the answer (`kh:send` → `kh:answered`). */
  requestMs: number;
  /** Of the request: request sent → first byte of the answer (the service's whole handling). */
  serverMs: number;
  /** The engine alone on the file's grids in the benchmark's process (part of the server's time). */
  computeMs: number;
  /** The result copy grafted into the dropped file's bytes (`kh:answered` → `kh:written`). */
  writeMs: number;
  /** `kh:written` → the summary rendered and painted. */
  showMs: number;
  /** Click on 下载结果工作簿 → the browser's download saved. */
  downloadMs: number;
}

const USER = 'bench-secretary';
const PASSWORD = 'Bench2026pass';

interface RunTimes {
  total: number;
  read: number;
  click: number;
  prepare: number;
  request: number;
  server: number;
  write: number;
  show: number;
  download: number;
}

/**
 * In the page before the drop: the summary's paint, the first animation frame after its message
 * appears. Page scripts are strings, because tsx would wrap named functions in a helper the page
 * does not have.
 */
const WATCH_SUMMARY = `
  window.__shownAt = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.body.textContent.includes('计算考核完成')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  undefined; // not the promise itself: evaluate would wait for it
`;

/** The steps of the run from the page's marks and the compute request's Resource Timing. */
const RUN_TIMES = `(async () => {
  const at = (name) => performance.getEntriesByName('kh:' + name, 'mark').at(-1).startTime;
  const shown = await window.__shownAt;
  const request = performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/assessments/compute')).at(-1);
  return {
    total: shown - at('open'),
    read: at('opened') - at('open'),
    click: at('run') - at('opened'),
    prepare: at('send') - at('run'),
    request: at('answered') - at('send'),
    server: request.responseStart - request.requestStart,
    write: at('written') - at('answered'),
    show: shown - at('written'),
  };
})()`;

/** One drop, 计算考核 and download on a freshly loaded page; the steps from the page's timeline. */
async function runOnce(page: Page, file: string): Promise<RunTimes> {
  await page.reload();
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
  await page.evaluate(WATCH_SUMMARY);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByText(`已打开：${basename(file)}`).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '计算考核' }).click();
  await page.getByText('计算考核完成').waitFor({ timeout: 120_000 });
  const times = (await page.evaluate(RUN_TIMES)) as Omit<RunTimes, 'download'>;
  const started = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载结果工作簿' }).click()]);
  await download.path();
  return { ...times, download: performance.now() - started };
}

/**
 * Drops `file` (a workbook of 基准镇) into the browser mode `runs` times after one warm-up run and
 * answers the medians of each step.
 */
export async function benchBrowserMode(file: string, runs: number): Promise<BrowserModeFigures> {
  const { dir, officeJsUrl } = productionAddin();
  const opened = await openWorkbookFile(file);
  const grids = await packageToGrids(opened);
  const computeMs = median(timeRuns(() => compute(grids), 3));
  // As the API bench: the handlers' request logs would mix with the report on stdout.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const stack = await startLocalStack({ inMemory: true, addinDir: dir });
  const browser = await launchChromium();
  try {
    await createSignedUpAccount(stack, SYNTHETIC_TOWN, USER, '秘书', PASSWORD);
    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1024, height: 900 } });
    await serveOfficeJsStandIn(context, officeJsUrl);
    const page = await context.newPage();
    await page.goto(`${stack.url}/taskpane.html`);
    // 记住我: the session survives the reload before each run.
    await fillSignIn(page, USER, PASSWORD, true);
    await page.getByText(`${USER}（秘书）`).waitFor();
    await runOnce(page, file);
    const measured: RunTimes[] = [];
    for (let i = 0; i < runs; i += 1) measured.push(await runOnce(page, file));
    const med = (key: keyof RunTimes) => median(measured.map((m) => m[key]));
    return {
      file: basename(file),
      fileBytes: opened.bytes.byteLength,
      runs,
      totalMs: med('total'),
      readMs: med('read'),
      clickMs: med('click'),
      prepareMs: med('prepare'),
      requestMs: med('request'),
      serverMs: med('server'),
      computeMs,
      writeMs: med('write'),
      showMs: med('show'),
      downloadMs: med('download'),
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
