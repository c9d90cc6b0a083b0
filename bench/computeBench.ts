/**
 * compute() in this process: the median of several runs next to a baseline measured in the same
 * run — JSON.parse of the grids plus one pass touching every cell — and their ratio.
 */
import { collectMonthRows, compute } from '../functions/src/domain/index.js';
import type { Grid, MonthRow } from '../functions/src/domain/types.js';
import { median, timeRuns } from './stats.js';

export interface ComputeFigures {
  /** Non-empty cells of the workbook. */
  cells: number;
  runs: number;
  computeMs: number;
  baselineMs: number;
  ratio: number;
  /** Compute with every month before the assessed one finalised (the 定稿 lock compares them all), median. */
  lockedMs: number;
  /** How many months were finalised for `lockedMs`. */
  lockedMonths: number;
  status: 'ok' | 'invalid';
  errors: number;
  warnings: number;
}

/** Parses the grids' JSON and touches every cell; returns the count of non-empty cells. */
function parseAndTouch(json: string): number {
  let cells = 0;
  for (const grid of JSON.parse(json) as Grid[]) {
    for (const row of grid.values) for (const value of row) if (value !== '' && value !== null) cells++;
  }
  return cells;
}

/**
 * Runs `fn` at least `runs` times and on until about `ms` have passed (at most `max` runs), and
 * returns each run's milliseconds: a warm-up long enough for V8 to optimise the engine, and
 * enough samples that a quick workbook's median is not at the mercy of one pause.
 */
function runFor(fn: () => void, runs: number, ms: number, max: number): number[] {
  const times = timeRuns(fn, runs);
  for (let spent = times.reduce((a, b) => a + b, 0); spent < ms && times.length < max; spent += times.at(-1)!) times.push(...timeRuns(fn, 1));
  return times;
}

const warmUp = (fn: () => void) => runFor(fn, 2, 2_000, 300);
const sample = (fn: () => void, runs: number) => runFor(fn, runs, 1_000, 500);

/**
 * Times compute() and the baseline on `grids` in steady state: each is first run for about two
 * seconds (a town's compute needs some 40 runs before V8 has optimised it; the district year gets
 * two). The first, unoptimised runs are what a fresh Lambda instance pays once; the cold start
 * rows measure that side.
 */
export function benchCompute(grids: readonly Grid[], runs: number): ComputeFigures {
  const json = JSON.stringify(grids);
  const cells = parseAndTouch(json);
  const result = compute(grids);
  warmUp(() => parseAndTouch(json));
  warmUp(() => compute(grids));
  const baselineMs = median(sample(() => parseAndTouch(json), runs));
  const computeTimes = sample(() => compute(grids), runs);
  const computeMs = median(computeTimes);
  // December's case: January to November finalised, their rows read back as the store returns them.
  const month = result.month ?? '';
  const earlier = Array.from({ length: Math.max(0, Number(month.slice(5)) - 1) }, (_, i) => `${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`);
  const finalizedRows: MonthRow[] = JSON.parse(JSON.stringify(collectMonthRows(grids, { months: earlier }).rows));
  const lockedMs = median(timeRuns(() => compute(grids, { finalizedRows }), Math.max(1, Math.ceil(runs / 3))));
  return {
    cells,
    runs: computeTimes.length,
    computeMs,
    lockedMs,
    lockedMonths: earlier.length,
    baselineMs,
    ratio: computeMs / baselineMs,
    status: result.status,
    errors: result.issues.filter((i) => i.severity === 'error').length,
    warnings: result.issues.filter((i) => i.severity === 'warning').length,
  };
}

