/**
 * compute() in this process: the median of several runs next to a baseline measured in the same
 * run — JSON.parse of the grids plus one pass touching every cell — and their ratio.
 */
import { compute } from '../functions/src/domain/index.js';
import type { Grid } from '../functions/src/domain/types.js';
import { median, timeRuns } from './stats.js';

export interface ComputeFigures {
  /** Non-empty cells of the workbook. */
  cells: number;
  runs: number;
  computeMs: number;
  baselineMs: number;
  ratio: number;
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

/** Times compute() and the baseline on `grids`, after one warm-up run of each. */
export function benchCompute(grids: readonly Grid[], runs: number): ComputeFigures {
  const json = JSON.stringify(grids);
  const cells = parseAndTouch(json);
  const result = compute(grids);
  const baselineMs = median(timeRuns(() => parseAndTouch(json), runs));
  const computeMs = median(timeRuns(() => compute(grids), runs));
  return {
    cells,
    runs,
    computeMs,
    baselineMs,
    ratio: computeMs / baselineMs,
    status: result.status,
    errors: result.issues.filter((i) => i.severity === 'error').length,
    warnings: result.issues.filter((i) => i.severity === 'warning').length,
  };
}
