/**
 * Build of the add-in into dist/addin: taskpane.html (the pane and the browser mode),
 * commands.html (the ribbon's functions), notice.html (the ribbon's notices), dialog.html (Entra ID
 * sign-in through the Office dialog where the host lacks nested app authentication), the icons,
 * manifest.xml for the origin the add-in is served from (`ADDIN_URL`, default
 * https://localhost:3000) and Office.js. `OFFICE_JS` picks where Office.js comes from: `local` (default: a copy of
 * @microsoft/office-js in the build, for development and tests without internet), `cdn`
 * (Microsoft's CDN), `china` (the 21Vianet CDN) or a full URL. `npm run dev:addin` serves the
 * same pages with hot reload and forwards the API to `npm start` (API_URL, default
 * https://localhost:3000).
 */
import { cpSync, createReadStream, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { ICON_NAMES, ICON_SIZES, LOCAL_ADDIN_URL, renderManifest } from '../scripts/manifest.js';
import { iconPng } from './build/icons.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../dist/addin');
const officeDist = resolve(here, '../node_modules/@microsoft/office-js/dist');

const OFFICE_JS_URLS: Record<string, string> = {
  local: 'office/office.js',
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};

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
        for (const size of ICON_SIZES) {
          this.emitFile({ type: 'asset', fileName: `assets/${name}-${size}.png`, source: iconPng(name, size) });
        }
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.xml', source: renderManifest(addinUrl) });
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), officeJs(process.env.OFFICE_JS ?? 'local'), iconsAndManifest(process.env.ADDIN_URL ?? LOCAL_ADDIN_URL)],
  // `npm run dev:addin` (hot reload) forwards the API (sign-in included) to `npm start`.
  server: {
    proxy: Object.fromEntries(
      ['/v1'].map((path) => [path, { target: process.env.API_URL ?? 'https://localhost:3000', secure: false, changeOrigin: true }]),
    ),
  },
  build: {
    outDir,
    emptyOutDir: true,
    // ExcelJS alone is ~1 MB; it is loaded only when a workbook is written or dropped.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: {
        taskpane: resolve(here, 'taskpane.html'),
        commands: resolve(here, 'commands.html'),
        notice: resolve(here, 'notice.html'),
        dialog: resolve(here, 'dialog.html'),
      },
    },
  },
});
