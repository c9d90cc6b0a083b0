/**
 * Request sizes against Excel on the web's 5 MB limit on one request and one response:
 * reads are planned in blocks of rows that fit, at the bytes per cell each sheet's first rows
 * showed, and a sync that Excel still refuses is retried in halves.
 */

/** Excel on the web refuses a request or a response above this many bytes. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What one sync may carry: the limit less room for the envelope and misestimates. */
export const SYNC_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Margin over the bytes per cell measured on a sheet's first rows: its later rows may hold
 * longer text. The first rows of the workbooks measured (the example, the benchmark's towns)
 * came within 15 % of their whole sheets.
 */
export const CELL_BYTES_MARGIN = 1.5;

/** Least bytes per cell assumed: an empty cell takes 3 in a response, a date serial about 6. */
export const MIN_CELL_BYTES = 12;

/** A rectangle of one sheet by zero-based indexes, as `getRangeByIndexes` takes it. */
export interface Block {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  /** Bytes one cell of the block is expected to take in a response. */
  cellBytes: number;
}

/** Error codes with which Excel refuses a request or a response that is too large. */
const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** Whether `error` is Excel refusing a request or a response for its size. */
export function isPayloadTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && PAYLOAD_ERRORS.has(String((error as { code?: unknown }).code));
}

/**
 * Bytes a cell of a sheet is expected to take in a response, from rows of it already read
 * (the first rows that table detection loads): their JSON size per cell, with a margin and a floor.
 */
export function estimateCellBytes(rows: readonly (readonly unknown[])[]): number {
  const cells = rows.reduce((sum, row) => sum + row.length, 0);
  if (cells === 0) return MIN_CELL_BYTES;
  return Math.max(MIN_CELL_BYTES, Math.ceil((CELL_BYTES_MARGIN * jsonBytes(rows)) / cells));
}

/** Expected response bytes of the blocks. */
export const blockBytes = (blocks: readonly Block[]): number =>
  blocks.reduce((sum, b) => sum + b.rowCount * b.columnCount * b.cellBytes, 0);

/**
 * Packs the blocks into as few syncs as possible, none expected to carry more than `budgetBytes`:
 * a sync is filled up with the first rows of the next block, the rest going on in the next sync
 * (a single row larger than the budget travels alone). Order is kept, so the grids of one sheet
 * arrive top to bottom.
 */
export function planSyncs(blocks: readonly Block[], budgetBytes: number): Block[][] {
  const syncs: Block[][] = [];
  let current: Block[] = [];
  let free = budgetBytes;
  for (const block of blocks) {
    const rowBytes = block.columnCount * block.cellBytes;
    for (let offset = 0; offset < block.rowCount; ) {
      const fit = Math.min(block.rowCount - offset, Math.floor(free / rowBytes));
      if (fit <= 0 && current.length > 0) {
        syncs.push(current);
        current = [];
        free = budgetBytes;
        continue;
      }
      const rowCount = Math.max(1, fit);
      current.push({ ...block, rowIndex: block.rowIndex + offset, rowCount });
      free -= rowCount * rowBytes;
      offset += rowCount;
    }
  }
  if (current.length > 0) syncs.push(current);
  return syncs;
}

/** UTF-8 size of a value's JSON, the way the request and response bodies carry it. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
