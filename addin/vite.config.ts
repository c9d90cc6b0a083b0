/**
 * Build of the add-in into dist/addin: taskpane.html (the pane, the ribbon's functions in the same
 * shared runtime, and the browser mode), notice.html (the ribbon's notices), dialog.html (Entra ID sign-in through the Office
 * dialog where the host lacks nested app authentication), help.html (the
 * manifest's SupportUrl), the icons and manifest.xml for the origin the add-in is served from
 * (`ADDIN_URL`, default https://localhost:3000). Every page with a module script starts with the
 * classic ES5 check of addin/legacy/oldWebview.js.
 *
 * `OFFICE_JS` picks where Office.js comes from: `cdn` (default of `npm run build:addin`:
 * Microsoft's CDN, which Microsoft requires for anything but development), `china` (the 21Vianet
 * CDN, for Office 365 operated by 21Vianet), `local` (a copy of @microsoft/office-js in the build:
 * only for `npm start`, the dev server and the browser tests, which run without internet) or a
 * full URL. `npm run dev:addin` serves the pages with hot reload, Office.js from node_modules, and
 * forwards the API to `npm start` (API_URL, default https://localhost:3000).
 */
import { cpSync, createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { HIGH_RESOLUTION_ICON, ICON_NAMES, ICON_SIZES, LOCAL_ADDIN_URL, renderManifest } from '../scripts/manifest.js';
import { iconPng } from './build/icons.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../dist/addin');
const officeDist = resolve(here, '../node_modules/@microsoft/office-js/dist');

/**
 * Where pages load Office.js from. CDN addresses: "Referencing the Office JavaScript API library"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn),
 * which names the 21Vianet address for Office 365 operated by 21Vianet in China.
 */
export const OFFICE_JS_URLS: Record<string, string> = {
  local: 'office/office.js',
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};

/** The classic ES5 script that tells an old webview it cannot run the add-in. */
const oldWebviewCheck = readFileSync(resolve(here, 'legacy/oldWebview.js'), 'utf8');

/** Puts the old-webview check before everything else in every page that has a module script. */
function oldWebview(): Plugin {
  return {
    name: 'old-webview-check',
    transformIndexHtml: (html) =>
      /<script[^>]*type="module"/.test(html) ? [{ tag: 'script', children: oldWebviewCheck, injectTo: 'head-prepend' }] : [],
  };
}

/**
 * Puts the Office.js script into every page and, for `local`, the files Excel needs beside it.
 * The pages mark that script `vite-ignore`: Office.js is a classic script loaded as it is, never bundled.
 */
function officeJs(source: string): Plugin {
  const url = OFFICE_JS_URLS[source] ?? source;
  return {
    name: 'office-js',
    transformIndexHtml: (html) => html.replace('%OFFICE_JS%', url),
    configureServer(server) {
      // `npm run dev:addin` serves the local copy straight from node_modules.
      server.middlewares.use('/office', (request, response, next) => {
        const file = join(officeDist, decodeURIComponent((request.url ?? '/').split('?')[0]!));
        if (!file.startsWith(officeDist) || !existsSync(file)) return next();
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        createReadStream(file).pipe(response);
      });
    },
    closeBundle() {
      if (source !== 'local') return;
      // office.js loads its Excel host scripts and string tables on demand; other hosts are left out.
      const wanted = (name: string) =>
        !name.includes('.debug.') &&
        (/^(office|o15apptofilemappingtable|es6-promise)\.js$/.test(name) || /^excel/.test(name) ||
          ['zh-cn', 'en-us', 'agaveerrorux', 'ariatelemetry', 'telemetry', 'webauth'].includes(name));
      for (const name of readdirSync(officeDist).filter(wanted)) {
        cpSync(join(officeDist, name), join(outDir, 'office', name), { recursive: true });
      }
    },
  };
}

/** Emits assets/<name>-<size>.png for every icon the manifest names, and the manifest for `ADDIN_URL`. */
function iconsAndManifest(addinUrl: string): Plugin {
  return {
    name: 'addin-icons-manifest',
    generateBundle() {
      for (const name of ICON_NAMES) {
        for (const size of name === 'icon' ? [...ICON_SIZES, HIGH_RESOLUTION_ICON] : ICON_SIZES) {
          this.emitFile({ type: 'asset', fileName: `assets/${name}-${size}.png`, source: iconPng(name, size) });
        }
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.xml', source: renderManifest(addinUrl) });
    },
  };
}

export default defineConfig(({ command }) => ({
  root: here,
  base: './',
  plugins: [
    react(),
    oldWebview(),
    officeJs(process.env.OFFICE_JS ?? (command === 'serve' ? 'local' : 'cdn')),
    iconsAndManifest(process.env.ADDIN_URL ?? LOCAL_ADDIN_URL),
  ],
  // `npm run dev:addin` (hot reload) forwards the API (sign-in included) to `npm start`.
  server: {
    proxy: Object.fromEntries(
      ['/v1'].map((path) => [path, { target: process.env.API_URL ?? 'https://localhost:3000', secure: false, changeOrigin: true }]),
    ),
  },
  build: {
    outDir,
    emptyOutDir: true,
    // The syntax the old-webview check requires of the webview (optional chaining, ??).
    target: 'es2020',
    // ExcelJS alone is ~1 MB; it is loaded only when a workbook is written or dropped.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: {
        taskpane: resolve(here, 'taskpane.html'),
        notice: resolve(here, 'notice.html'),
        help: resolve(here, 'help.html'),
        dialog: resolve(here, 'dialog.html'),
      },
    },
  },
}));
