import { describe, expect, it } from 'vitest';
import { bytes, median, percentile } from '../../bench/stats.js';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    // Prepare
    const samples = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];

    // Act
    const figures = [percentile(samples, 50), percentile(samples, 95), percentile(samples, 0), percentile(samples, 100)];

    // Assess
    expect(figures).toEqual([50, 100, 10, 100]);
  });

  it('gives the lower middle as the median of an even count', () => {
    // Prepare
    const samples = [4, 1, 3, 2];

    // Act
    const middle = median(samples);

    // Assess
    expect(middle).toBe(2);
  });

  it('is NaN without samples', () => {
    // Prepare
    const samples: number[] = [];

    // Act
    const middle = median(samples);

    // Assess
    expect(middle).toBeNaN();
  });
});

describe('bytes', () => {
  it('shows bytes, KB and MB in binary units', () => {
    // Prepare
    const values = [512, 2048, 6 * 1024 * 1024];

    // Act
    const shown = values.map(bytes);

    // Assess
    expect(shown).toEqual(['512 B', '2.0 KB', '6.00 MB']);
  });
});
