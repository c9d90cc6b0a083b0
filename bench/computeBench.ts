/**
 * Measures compute() on the synthetic sizes: median of several runs next to a baseline
 * (JSON.parse of the grids plus one pass touching every cell), and peak heap.
 */
import { compute } from '../functions/src/domain/index.js';
import { SIZES, syntheticTown } from './syntheticTown.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void, runs: number): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export interface ComputeFigure {
  size: string;
  cells: number;
  computeMs: number;
  baselineMs: number;
  ratio: number;
  status: string;
  errors: number;
}

/** Runs the compute benchmark for every size (or those whose label is given). */
export function benchCompute(labels?: string[]): ComputeFigure[] {
  return SIZES.filter((s) => !labels || labels.includes(s.label)).map((size) => {
    const grids = syntheticTown(size);
    const json = JSON.stringify(grids);
    const runs = size.scores > 100_000 ? 3 : 7;
    let cells = 0;
    const baselineMs = time(() => {
      cells = 0;
      for (const g of JSON.parse(json) as { values: unknown[][] }[]) for (const row of g.values) for (const v of row) if (v !== '') cells++;
    }, runs);
    const result = compute(grids);
    const computeMs = time(() => compute(grids), runs);
    return {
      size: size.label,
      cells,
      computeMs: Math.round(computeMs),
      baselineMs: Math.round(baselineMs),
      ratio: Math.round((computeMs / baselineMs) * 10) / 10,
      status: result.status,
      errors: result.issues.filter((i) => i.severity === 'error').length,
    };
  });
}
