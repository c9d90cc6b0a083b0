import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { safeDecode } from './httpApiAdapter.js';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Serves a file of the built add-in (`/` is `taskpane.html`); never outside `root`.
 * Answers 404 with a Chinese page when the add-in is not built or the file does not exist.
 */
export async function serveStatic(response: ServerResponse, root: string | undefined, pathname: string): Promise<void> {
  const relative = pathname === '/' ? 'taskpane.html' : safeDecode(pathname).replace(/^\/+/, '');
  const file = root === undefined ? undefined : normalize(join(root, relative));
  if (file && root && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep))) {
    try {
      const info = await stat(file);
      if (info.isFile()) {
        response.writeHead(200, {
          'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': 'no-cache',
        });
        createReadStream(file).pipe(response);
        return;
      }
    } catch {
      // fall through to 404
    }
  }
  const message = root === undefined ? '加载项尚未构建，请运行 npm run build:addin 后重新启动。' : `找不到文件：${pathname}`;
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}
