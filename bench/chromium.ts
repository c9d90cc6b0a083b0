/**
 * Chromium for the benchmarks of what a user waits for: Debian's /usr/bin/chromium driven by
 * playwright-core (never a browser download), the production build of the add-in (office.js from
 * Microsoft's CDN, as `npm run build:addin` makes it) and a local stand-in for that CDN.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CACHE_DIR, REPO_ROOT } from './bundle.js';

const OFFICE_DIST = join(REPO_ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

/** Headless Chromium as the browser tests start it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

let built: { dir: string; officeJsUrl: string } | undefined;

/**
 * The add-in built for production into the benchmark cache, once per process: its folder and the
 * office.js address its pages load (read from the built taskpane.html).
 */
export function productionAddin(): { dir: string; officeJsUrl: string } {
  if (built) return built;
  const dir = join(CACHE_DIR, 'addin-production');
  const env = { ...process.env };
  delete env.OFFICE_JS;
  execFileSync('npx', ['vite', 'build', '--config', 'addin/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'pipe', env });
  const page = readFileSync(join(dir, 'taskpane.html'), 'utf8');
  const officeJsUrl = /<script[^>]*\ssrc="(https:[^"]*\/office\.js)"/.exec(page)?.[1];
  if (!officeJsUrl) throw new Error('the production taskpane.html loads no office.js from a CDN');
  built = { dir, officeJsUrl };
  return built;
}

/** What the office.js stand-in served: file names and their gzip bytes. */
export interface OfficeJsServed {
  files: string[];
  gzipBytes: number;
}

/**
 * Answers every request to office.js's CDN folder with the file of the same name from
 * @microsoft/office-js (404 where there is none), by route interception, and refuses every other
 * request off this machine (office.js's telemetry): nothing goes to the internet, and the
 * stand-in's answers do not pass through any emulated network conditions.
 */
export async function serveOfficeJsStandIn(context: BrowserContext, officeJsUrl: string): Promise<OfficeJsServed> {
  const folder = officeJsUrl.slice(0, officeJsUrl.lastIndexOf('/') + 1);
  const served: OfficeJsServed = { files: [], gzipBytes: 0 };
  await context.route((url) => url.hostname !== 'localhost' && !url.href.startsWith(folder), (route) => route.abort());
  await context.route(`${folder}**`, async (route) => {
    const name = basename(new URL(route.request().url()).pathname);
    const file = join(OFFICE_DIST, name);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const body = readFileSync(file);
    served.files.push(name);
    served.gzipBytes += gzipSync(body).length;
    return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body });
  });
  return served;
}
