/** Small statistics and formatting helpers of the benchmarks. */

/** The p-th percentile (0–100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median (the lower middle of an even count, an observed value). */
export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Runs `fn` `runs` times and returns each duration in milliseconds. */
export function timeRuns(fn: () => void, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times;
}

/** Milliseconds for a table: whole numbers from 10 ms on, one decimal below. */
export const ms = (value: number): string => (Number.isNaN(value) ? '–' : value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);

/** Bytes in binary units (KB = 1024 bytes, MB = 1024 KB), as the limits are stated. */
export function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${(value / 1024 / 1024).toFixed(2)} MB`;
}

export const MB = 1024 * 1024;
export const KB = 1024;
