/**
 * Peak memory of one computation, measured in a fresh child process so that the benchmark's own
 * heap does not count: the bundled memory probe parses a request body, computes and serialises.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bundleLikeLambda } from './bundle.js';
import type { MemoryFigures } from './memoryProbe.js';

const run = promisify(execFile);

let probe: Promise<string> | undefined;

/** The peak memory of computing the request in `bodyFile`. */
export async function measureMemory(bodyFile: string): Promise<MemoryFigures> {
  probe ??= bundleLikeLambda('bench/memoryProbe.ts', 'memoryProbe');
  const { stdout } = await run(process.execPath, [await probe, bodyFile], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as MemoryFigures;
}
