/**
 * esbuild bundles for the benchmarks: each Lambda handler as infra/ServiceApi.ts has CDK bundle
 * it, and the memory probe. They go under node_modules/.cache so that the AWS SDK, external in
 * the handler bundles as on Lambda, resolves from the repository's node_modules.
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleLikeLambda as bundleHandler } from '../functions/src/server/lambdaBundle.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'mubiao-bench');

/** Bundles `entry` (relative to the repository) like a Lambda handler into `<cache>/<name>/index.mjs`. */
export function bundleLikeLambda(entry: string, name: string): Promise<string> {
  return bundleHandler(resolve(REPO_ROOT, entry), join(CACHE_DIR, name, 'index.mjs'));
}

const probes = new Map<string, Promise<string>>();

/**
 * Runs `entry`, bundled once per process, in a fresh plain `node` with `args` and returns the JSON
 * it prints: a probe that must not share the benchmark's heap.
 */
export async function runBundled<T>(entry: string, name: string, args: readonly string[]): Promise<T> {
  if (!probes.has(name)) probes.set(name, bundleLikeLambda(entry, name));
  const { stdout } = await promisify(execFile)(process.execPath, [await probes.get(name)!, ...args], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as T;
}
