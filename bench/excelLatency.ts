/**
 * A latency model of Excel on the web for the add-in's 计算考核: what the user waits for when the
 * syncs and the service call of a run measured on the Excel fake cross a slow link. Pure, so that
 * the figures are tested.
 *
 * Each `context.sync()` of Excel on the web is a request from the browser to Excel's service, which
 * applies the batch and answers: a round trip that costs most in Office on the web, where it
 * crosses the internet ("Avoid using the context.sync method in loops",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/correlated-objects-pattern). No measured
 * per-sync figure was found to borrow. The model: a
 * round trip, a fixed time for Excel's service to apply a batch, and the payload's bytes at the link's
 * rates, as the fake counts them (Excel's JSON, uncompressed: whether Excel compresses it on the
 * wire is not documented, so this is the pessimistic case). The service call adds a round trip,
 * the gzip body up and the gzip answer down; the run's own time in process (the fake, the engine's
 * compute, the layout of the result sheets) is added as it was measured.
 */
import type { AddinFigures } from './addinBench.js';

export interface ExcelLatencyModel {
  /** The link's round trip, per sync and for the service call. */
  rttMs: number;
  /** Excel's service applying one batch and building its answer (assumed). */
  serverMsPerSync: number;
  downBitsPerSecond: number;
  upBitsPerSecond: number;
}

/** The slow link of issue #14: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
export const SLOW_LINK = { downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000, rttMs: 150 } as const;

/** The slow link and 100 ms of Excel's service per batch. */
export const EXCEL_WEB_MODEL: ExcelLatencyModel = { ...SLOW_LINK, serverMsPerSync: 100 };

export interface ModelledWait {
  /** Every sync: round trips, Excel's batches, payload bytes up and down. */
  syncsMs: number;
  /** Of the syncs: the payload bytes alone. */
  syncBytesMs: number;
  /** The service call: a round trip, the gzip body up, the gzip answer down. */
  apiMs: number;
  /** The run's time in process as measured. */
  localMs: number;
  totalMs: number;
}

const transferMs = (bytes: number, bitsPerSecond: number) => (bytes * 8 * 1000) / bitsPerSecond;

/**
 * The modelled wait of one 计算考核.
 * @param requestGzip - the compute request's gzip bytes (the add-in compresses its body)
 */
export function modelledWait(addin: AddinFigures, requestGzip: number, model: ExcelLatencyModel = EXCEL_WEB_MODEL): ModelledWait {
  const syncBytesMs = addin.syncBytes.reduce(
    (sum, s) => sum + transferMs(s.request, model.upBitsPerSecond) + transferMs(s.response, model.downBitsPerSecond),
    0,
  );
  const syncsMs = addin.syncBytes.length * (model.rttMs + model.serverMsPerSync) + syncBytesMs;
  const apiMs = model.rttMs + transferMs(requestGzip, model.upBitsPerSecond) + transferMs(addin.answerGzip, model.downBitsPerSecond);
  return { syncsMs, syncBytesMs, apiMs, localMs: addin.runMs, totalMs: syncsMs + apiMs + addin.runMs };
}
