import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderManifest } from '../scripts/manifest.js';

/** The files BucketDeployment uploads, and whether they are the real build. */
export interface AddinContent {
  dir: string;
  built: boolean;
  /** A development build (office.js copied into it, `OFFICE_JS=local`): Microsoft requires the CDN in production. */
  localOfficeJs: boolean;
}

/** The page CloudFront serves for `/`: the task pane, which is also the browser mode's page. */
export const ADDIN_ROOT_PAGE = 'taskpane.html';

/**
 * Locates the built add-in (`dist/addin`, from `npm run build:addin`); when it is missing, writes a one-page
 * placeholder to a fixed temp folder so synthesis still works.
 */
export function locateAddinContent(repoRoot: string): AddinContent {
  const built = join(repoRoot, 'dist', 'addin');
  if (existsSync(built) && readdirSync(built).length > 0) {
    const page = join(built, ADDIN_ROOT_PAGE);
    const localOfficeJs = existsSync(page) && /<script[^>]* src="office\/office\.js"/.test(readFileSync(page, 'utf8'));
    return { dir: built, built: true, localOfficeJs };
  }
  const dir = join(tmpdir(), 'mubiao-kaohe-addin-placeholder');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, ADDIN_ROOT_PAGE),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>目标管理考核</title>' +
      '<p>加载项尚未构建：请先运行 npm run build:addin，再重新部署。</p></html>\n',
  );
  return { dir, built: false, localOfficeJs: false };
}

// A syntactically valid origin that `renderManifest` can parse with `new URL`, swapped for the real (deploy-time) one afterwards.
const SENTINEL_ORIGIN = 'https://addin-origin.invalid';

/**
 * Renders the manifest for an origin that may be a deploy-time token (`https://${Token[…]}`), which
 * `renderManifest` would reject as a URL: renders for a sentinel origin and substitutes the real one.
 */
export function renderManifestFor(origin: string): string {
  return renderManifest(SENTINEL_ORIGIN).split(SENTINEL_ORIGIN).join(origin);
}
