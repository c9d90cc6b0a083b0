import { describe, expect, it } from 'vitest';
import { smallTown } from '../fixtures.js';
import { addSurvey, run } from './helpers.js';

// 民调 columns: 村, 调查户数, 知晓户数, 登记电话数, 准确电话数, 月份.

describe('R12 民调', () => {
  it('sums the rows of the assessed month or without 月份 and rounds the rates to 4 decimals', () => {
    // Prepare
    const book = smallTown();
    addSurvey(book, [
      ['花桥街村', 100, 95, 80, 78, '2015-04'],
      ['花桥街村', 50, 50, 20, 20, ''],
      ['花桥街村', 100, 10, 100, 10, '2015-03'], // another month: left out
      ['新塘村', 3, 2, 32, 1, '2015年4月'],
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.survey).toEqual([
      // 知晓 (95 + 50) / (100 + 50) = 145/150 = 0.966666… → 0.9667; 电话 (78 + 20) / (80 + 20) = 0.98
      { village: '花桥街村', awarenessRate: 0.9667, phoneAccuracyRate: 0.98 },
      // 2/3 = 0.666666… → 0.6667; 1/32 = 0.03125 → half-up 0.0313
      { village: '新塘村', awarenessRate: 0.6667, phoneAccuracyRate: 0.0313 },
      // no rows: null
      { village: '毛家村', awarenessRate: null, phoneAccuracyRate: null },
    ]);
  });

  it('gives null for a 0/0 rate and 1 for full marks', () => {
    // Prepare
    const book = smallTown();
    addSurvey(book, [
      ['花桥街村', 0, 0, 10, 10, ''],
      ['新塘村', 40, 40, 0, 0, '2015-04'],
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.survey.slice(0, 2)).toEqual([
      { village: '花桥街村', awarenessRate: null, phoneAccuracyRate: 1 },
      { village: '新塘村', awarenessRate: 1, phoneAccuracyRate: null },
    ]);
  });
});
