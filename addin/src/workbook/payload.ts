/**
 * Request sizes against Excel on the web's 5 MB limit on one request and one response:
 * reads are planned in blocks of rows that fit, and a sync that Excel still refuses is retried
 * in halves.
 */

/** Excel on the web refuses a request or a response above this many bytes. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What one sync may carry: the limit less room for the envelope and misestimates. */
export const SYNC_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Bytes a cell value is assumed to take in the JSON of a response before it has been read:
 * a date serial or a short name takes about 10, a reason of 15 Chinese characters about 50.
 */
export const ASSUMED_BYTES_PER_CELL = 48;

/** A rectangle of one sheet by zero-based indexes, as `getRangeByIndexes` takes it. */
export interface Block {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** Error codes with which Excel refuses a request or a response that is too large. */
const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** Whether `error` is Excel refusing a request or a response for its size. */
export function isPayloadTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && PAYLOAD_ERRORS.has(String((error as { code?: unknown }).code));
}

/** Splits one block into bands of whole rows holding at most `cellBudget` cells each. */
export function splitRows(block: Block, cellBudget: number): Block[] {
  const rowsPerBand = Math.max(1, Math.floor(cellBudget / Math.max(1, block.columnCount)));
  const bands: Block[] = [];
  for (let offset = 0; offset < block.rowCount; offset += rowsPerBand) {
    bands.push({ ...block, rowIndex: block.rowIndex + offset, rowCount: Math.min(rowsPerBand, block.rowCount - offset) });
  }
  return bands;
}

/**
 * Packs the blocks into as few syncs as possible, none carrying more than `cellBudget` cells
 * (a single row wider than the budget travels alone). Order is kept, so the grids of one sheet
 * arrive top to bottom.
 */
export function planSyncs(blocks: readonly Block[], cellBudget: number): Block[][] {
  const syncs: Block[][] = [];
  let current: Block[] = [];
  let cells = 0;
  for (const band of blocks.flatMap((b) => splitRows(b, cellBudget))) {
    const size = band.rowCount * band.columnCount;
    if (current.length > 0 && cells + size > cellBudget) {
      syncs.push(current);
      current = [];
      cells = 0;
    }
    current.push(band);
    cells += size;
  }
  if (current.length > 0) syncs.push(current);
  return syncs;
}

/** UTF-8 size of a value's JSON, the way the request and response bodies carry it. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
