/**
 * Child process of the compute benchmark, run bundled (plain `node`): times compute() on the
 * grids in a file (`benchCompute`) in a process that holds only the engine, as a Lambda instance
 * holds only its handler. In the benchmark's own process, with Chromium's driver and the local
 * API loaded, the same town computed about 2× slower: the collector works over the larger heap.
 *
 * Usage: `node computeProbe.mjs <grids.json> <runs>`
 */
import { readFileSync } from 'node:fs';
import { benchCompute } from './computeBench.js';
import type { Grid } from '../functions/src/domain/types.js';

const [file, runs] = process.argv.slice(2);
if (!file || !runs) throw new Error('usage: computeProbe <grids.json> <runs>');
const grids = JSON.parse(readFileSync(file, 'utf8')) as Grid[];
process.stdout.write(JSON.stringify(benchCompute(grids, Number(runs))));
