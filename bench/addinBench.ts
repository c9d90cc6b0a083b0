/**
 * The add-in's 计算考核 on the in-memory Excel of the add-in tests: the number of context.sync()
 * calls to read the workbook and to write the result sheets, and the largest request and
 * response, against Excel on the web's 5 MB limit on each; with every sync's bytes, the answer's
 * gzip and the run's time in this process for the latency model of `excelLatency.ts`.
 */
import { gzipSync } from 'node:zlib';
import type { AssessmentAnswer, AssessmentRequest } from '../addin/src/api/client.js';
import { runAssessment, type RunOutcome } from '../addin/src/common/assessment.js';
import { officeWorkbook } from '../addin/src/workbook/officeWorkbook.js';
import type { Grid } from '../functions/src/domain/types.js';
import { FakeExcel } from '../test/addin/excelFake.js';
import { engineApi, installOffice } from '../test/addin/officeHarness.js';

export interface AddinFigures {
  readSyncs: number;
  writeSyncs: number;
  syncs: number;
  largestRequest: number;
  largestResponse: number;
  /** What was written: every result sheet, or only 校验问题 (the workbook was invalid); null when the write failed. */
  written: 'results' | 'issues' | null;
  /** Excel's error code (or the message) when the run failed, e.g. a sync over 5 MB. */
  failure: string | null;
  /** Grids the adapter read (a large sheet comes in several). */
  grids: number;
  /** Each sync's request and response bytes, in order. */
  syncBytes: { request: number; response: number }[];
  /** The compute answer's JSON, gzip-compressed as the service sends it. */
  answerGzip: number;
  /** The whole run in this process: the fake's work, the engine's compute and the layout. */
  runMs: number;
}

/** Runs 计算考核 on a fake Excel workbook holding `grids`, with the engine answering in-process. */
export async function benchAddin(grids: readonly Grid[]): Promise<AddinFigures> {
  const fake = FakeExcel.fromGrids(grids);
  installOffice(fake);
  const workbook = officeWorkbook();
  let readSyncs = 0;
  let read: Grid[] = [];
  const port = {
    async read() {
      read = await workbook.read();
      readSyncs = fake.syncs.length;
      return read;
    },
    write: workbook.write,
  };
  const engine = engineApi();
  let answer: AssessmentAnswer | undefined;
  const api = { ...engine, compute: async (request: AssessmentRequest) => (answer = await engine.compute(request)) };
  let outcome: RunOutcome | null = null;
  let failure: string | null = null;
  const started = performance.now();
  try {
    outcome = await runAssessment('compute', port, api, { town: '', month: '' });
  } catch (error) {
    // A failed write is a figure too: the syncs up to it, and Excel's refusal.
    failure = (error as { code?: string }).code ?? String(error);
  }
  const runMs = performance.now() - started;
  const result = answer?.result;
  return {
    readSyncs,
    writeSyncs: fake.syncs.length - readSyncs,
    syncs: fake.syncs.length,
    largestRequest: Math.max(...fake.syncs.map((s) => s.requestBytes)),
    largestResponse: Math.max(...fake.syncs.map((s) => s.responseBytes)),
    written: outcome?.written ?? null,
    failure,
    grids: read.length,
    syncBytes: fake.syncs.map((s) => ({ request: s.requestBytes, response: s.responseBytes })),
    answerGzip: result ? gzipSync(JSON.stringify({ runId: null, status: result.status, result })).length : 0,
    runMs,
  };
}
