import { describe, expect, it } from 'vitest';
import type { AddinFigures } from '../../bench/addinBench.js';
import { EXCEL_WEB_MODEL, modelledWait } from '../../bench/excelLatency.js';

const figures = (syncBytes: AddinFigures['syncBytes'], answerGzip: number, runMs: number): AddinFigures => ({
  readSyncs: syncBytes.length - 1,
  writeSyncs: 1,
  syncs: syncBytes.length,
  largestRequest: Math.max(...syncBytes.map((s) => s.request)),
  largestResponse: Math.max(...syncBytes.map((s) => s.response)),
  written: 'results',
  failure: null,
  grids: 3,
  syncBytes,
  answerGzip,
  runMs,
});

describe('modelledWait', () => {
  it('charges every sync a round trip and Excel’s batch, and its bytes at the link’s rates', () => {
    // Prepare: 200 000 bytes down at 1.6 Mbit/s is 1 s; 93 750 bytes up at 750 kbit/s is 1 s
    const addin = figures([{ request: 93_750, response: 200_000 }, { request: 0, response: 0 }], 0, 0);

    // Act
    const wait = modelledWait(addin, 0);

    // Assess
    expect(wait.syncBytesMs).toBeCloseTo(2000, 6);
    expect(wait.syncsMs).toBeCloseTo(2 * (EXCEL_WEB_MODEL.rttMs + EXCEL_WEB_MODEL.serverMsPerSync) + 2000, 6);
  });

  it('adds the service call (a round trip, gzip body up, gzip answer down) and the run’s time in process', () => {
    // Prepare
    const addin = figures([{ request: 0, response: 0 }], 200_000, 321);

    // Act
    const wait = modelledWait(addin, 93_750, { rttMs: 100, serverMsPerSync: 0, downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000 });

    // Assess
    expect(wait.apiMs).toBeCloseTo(100 + 1000 + 1000, 6);
    expect(wait.localMs).toBe(321);
    expect(wait.totalMs).toBeCloseTo(100 + 2100 + 321, 6);
  });
});
