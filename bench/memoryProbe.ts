/**
 * Child process of the memory benchmark, run bundled (plain `node`, no TypeScript loader):
 * does what the compute Lambda does with a request body — parse it, compute, serialise the
 * answer — and prints the process's resident memory before and at its peak as JSON.
 *
 * Usage: `node memoryProbe.mjs <request.json>`
 */
import { readFileSync } from 'node:fs';
import { compute } from '../functions/src/domain/index.js';
import type { Grid } from '../functions/src/domain/types.js';

/** What the probe prints. */
export interface MemoryFigures {
  /** Resident set size before the body was read, in bytes. */
  idleRss: number;
  /** Peak resident set size of the whole process, in bytes. */
  peakRss: number;
  /** Heap in use right after the answer was serialised (no GC forced), in bytes. */
  heapUsedAfter: number;
  status: string;
  answerBytes: number;
}

const file = process.argv[2];
if (!file) throw new Error('usage: memoryProbe <request.json>');
const idleRss = process.memoryUsage().rss;
const request = JSON.parse(readFileSync(file, 'utf8')) as { grids: Grid[] };
const result = compute(request.grids);
const answer = JSON.stringify({ status: result.status, result });
const figures: MemoryFigures = {
  idleRss,
  // maxRSS is in kilobytes.
  peakRss: process.resourceUsage().maxRSS * 1024,
  heapUsedAfter: process.memoryUsage().heapUsed,
  status: result.status,
  answerBytes: Buffer.byteLength(answer),
};
process.stdout.write(JSON.stringify(figures));
