/**
 * esbuild bundles for the benchmarks: each Lambda handler as infra/ServiceApi.ts has CDK bundle
 * it, and the memory probe. They go under node_modules/.cache so that the AWS SDK, external in
 * the handler bundles as on Lambda, resolves from the repository's node_modules.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'mubiao-bench');

// Keep in step with ServiceApi.createFunction's `bundling` (NodejsFunction: ESM for Node 22,
// minified, external source map without sources, UTF-8 output, the runtime's AWS SDK v3).
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Bundles `entry` (relative to the repository) like a Lambda handler into `<cache>/<name>/index.mjs`. */
export async function bundleLikeLambda(entry: string, name: string): Promise<string> {
  const outfile = join(CACHE_DIR, name, 'index.mjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [resolve(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    charset: 'utf8',
    external: ['@aws-sdk/*'],
    logLevel: 'warning',
  });
  return outfile;
}
