/**
 * The task pane's load on a slow link: the production build served as CloudFront serves it
 * (gzip), opened in a fresh Chromium context (empty cache) under the DevTools protocol's
 * Network.emulateNetworkConditions. Office.js comes from a local stand-in of Microsoft's CDN
 * (`serveOfficeJsStandIn`): not throttled and not counted, its size reported beside.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium, productionAddin, serveOfficeJsStandIn } from './chromium.js';
import { SLOW_LINK } from './excelLatency.js';
import { median } from './stats.js';

/** Medians over the runs, in milliseconds from the start of navigation. */
export interface PaneLoadFigures {
  runs: number;
  firstPaintMs: number;
  firstContentfulPaintMs: number;
  /**
   * Time to interactive: the sign-in form's 登录 button painted and enabled, and the main thread past
   * every long task (> 50 ms) begun before it; a login typed then must land in its field.
   */
  interactiveMs: number;
  /** gzip bytes of the JavaScript the page received before its first contentful paint (office.js apart). */
  jsBeforePaintGzip: number;
  /** The same scripts as built (uncompressed). */
  jsBeforePaintRaw: number;
  jsBeforePaintFiles: string[];
  /** What the office.js stand-in served, and its gzip bytes: not throttled, not counted above. */
  officeJs: { files: string[]; gzipBytes: number };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.xml']);

/** Serves `root` as CloudFront does for the add-in: text types gzip-compressed when the browser accepts it. */
async function serveCompressed(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(root, path === '/' ? 'taskpane.html' : decodeURIComponent(path)));
    let body: Buffer;
    try {
      if (!file.startsWith(root + sep) || !statSync(file).isFile()) throw new Error('not a file');
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    const ext = extname(file);
    const gzip = COMPRESSED.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
    const payload = gzip ? gzipSync(body) : body;
    response.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': payload.length,
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}` };
}

interface PageTimes {
  fp: number;
  fcp: number;
  ready: number;
  longTaskEnd: number;
  scripts: { name: string; encoded: number; decoded: number; end: number }[];
}

/**
 * In the page before any script: when the 登录 button is first enabled, and every long task. A
 * string, because tsx would wrap named functions in a helper the page does not have.
 */
const WATCH_READINESS = `
  window.__khLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__khLongTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  (function check() {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === '登录' && !b.disabled);
    if (button) window.__khReady = performance.now();
    else requestAnimationFrame(check);
  })();
`;

/** The page's paints, readiness and scripts, once it is ready. */
const PAGE_TIMES = `(() => {
  const paint = (name) => performance.getEntriesByName(name, 'paint')[0]?.startTime ?? NaN;
  const before = window.__khLongTasks.filter((t) => t.start < window.__khReady);
  return {
    fp: paint('first-paint'),
    fcp: paint('first-contentful-paint'),
    ready: window.__khReady,
    longTaskEnd: Math.max(0, ...before.map((t) => t.end)),
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).origin === location.origin && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ name: new URL(e.name).pathname.split('/').pop(), encoded: e.encodedBodySize, decoded: e.decodedBodySize, end: e.responseEnd })),
  };
})()`;

async function loadOnce(browser: Browser, url: string, officeJsUrl: string): Promise<PageTimes & { officeJs: { files: string[]; gzipBytes: number } }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 900 } });
  try {
    const officeJs = await serveOfficeJsStandIn(context, officeJsUrl);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_LINK.rttMs,
      downloadThroughput: SLOW_LINK.downBitsPerSecond / 8,
      uploadThroughput: SLOW_LINK.upBitsPerSecond / 8,
    });
    await page.addInitScript(WATCH_READINESS);
    await page.goto(`${url}/taskpane.html`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction('window.__khReady !== undefined', undefined, { timeout: 60_000 });
    // Responsive: a login typed at once lands in the field.
    const login = page.getByRole('form', { name: '登录' }).getByLabel('登录名');
    await login.fill('bench');
    if ((await login.inputValue()) !== 'bench') throw new Error('the sign-in form took no input');
    const times = (await page.evaluate(PAGE_TIMES)) as PageTimes;
    return { ...times, officeJs };
  } finally {
    await context.close();
  }
}

/** Loads the pane `runs` times, each with an empty cache, on {@link SLOW_LINK}. */
export async function benchPaneLoad(runs: number): Promise<PaneLoadFigures> {
  const { dir, officeJsUrl } = productionAddin();
  const { server, url } = await serveCompressed(dir);
  const browser = await launchChromium();
  try {
    const loads = [];
    for (let i = 0; i < runs; i += 1) loads.push(await loadOnce(browser, url, officeJsUrl));
    const last = loads.at(-1)!;
    const before = last.scripts.filter((s) => s.end <= last.fcp);
    return {
      runs,
      firstPaintMs: median(loads.map((l) => l.fp)),
      firstContentfulPaintMs: median(loads.map((l) => l.fcp)),
      interactiveMs: median(loads.map((l) => Math.max(l.fcp, l.ready, l.longTaskEnd))),
      jsBeforePaintGzip: before.reduce((sum, s) => sum + s.encoded, 0),
      jsBeforePaintRaw: before.reduce((sum, s) => sum + s.decoded, 0),
      jsBeforePaintFiles: before.map((s) => s.name),
      officeJs: last.officeJs,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
