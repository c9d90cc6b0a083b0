/**
 * esbuild bundles of handler code as `infra/ServiceApi.ts` has CDK bundle the Lambdas (ESM for
 * Node 22, minified, external source map without sources, UTF-8, the runtime's AWS SDK v3 left
 * external). The local server's request workers and the benchmarks run these bundles.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

// Bundled CommonJS dependencies call require(); ESM output needs it defined (as in ServiceApi).
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Bundles `entry` (an absolute path) into `outfile` like a Lambda handler. `outfile` must lie under
 * the repository's node_modules (e.g. node_modules/.cache) so the external AWS SDK resolves.
 */
export async function bundleLikeLambda(entry: string, outfile: string): Promise<string> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [entry],
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
