/**
 * The workbook limits (`domain/limits.ts`) checked on the JSON text of a validate/compute body,
 * before it is parsed: one pass over the characters counts grids, rows, non-empty cells and text
 * lengths without building a value, so a request of a million rows is refused in a fraction of a
 * second and a fraction of the memory `JSON.parse` would take. Malformed JSON is left to
 * `JSON.parse`, which reports it: the scan stops where it stops making sense.
 */
import { LIMITS, LimitTally, type GridTally, type Limits } from '../domain/limits.js';

// What a container is, by where it sits in `{ town, month, grids: [{ name, origin, values: [[…]] }] }`.
const OTHER = 0;
const ROOT = 1;
const GRIDS = 2;
const GRID = 3;
const VALUES = 4;
const ROW = 5;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Throws `LimitExceededError` when the request's grids pass a limit; returns otherwise (also for malformed JSON). */
export function checkRequestLimits(text: string, limits: Limits = LIMITS): void {
  const tally = new LimitTally(limits);
  const kinds: number[] = [];
  // Per open container: whether it is an object, and (objects) whether the next string is a key.
  const objects: boolean[] = [];
  const expectKey: boolean[] = [];
  let key = '';
  let grid: GridTally | null = null;
  let column = 0;
  const length = text.length;
  let i = 0;

  const childKind = (container: 'object' | 'array'): number => {
    const parent = kinds.length === 0 ? -1 : kinds[kinds.length - 1]!;
    if (parent === -1) return container === 'object' ? ROOT : OTHER;
    if (parent === ROOT && container === 'array' && key === 'grids') return GRIDS;
    if (parent === GRIDS && container === 'object') return GRID;
    if (parent === GRID && container === 'array' && key === 'values') return VALUES;
    if (parent === VALUES && container === 'array') return ROW;
    return OTHER;
  };

  const scalar = (nonEmpty: boolean, textLength: number, value: () => string) => {
    const top = kinds[kinds.length - 1];
    if (top === ROW && grid) {
      if (!nonEmpty) return;
      grid.nonEmptyCells += 1;
      if (textLength > grid.longestText.length) grid.longestText = { length: textLength, row: grid.rows - 1, column };
    } else if (top === GRID && grid && (key === 'name' || key === 'origin')) {
      grid[key] = value();
    }
  };

  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) {
      i += 1;
    } else if (c === 0x7b || c === 0x5b) {
      // { or [
      const kind = childKind(c === 0x7b ? 'object' : 'array');
      if (kind === GRID) grid = { name: '', rows: 0, nonEmptyCells: 0, longestText: { length: 0, row: 0, column: 0 } };
      if (kind === ROW && grid) {
        grid.rows += 1;
        column = 0;
      }
      kinds.push(kind);
      objects.push(c === 0x7b);
      expectKey.push(c === 0x7b);
      i += 1;
    } else if (c === 0x7d || c === 0x5d) {
      // } or ]
      if (kinds.pop() === GRID && grid) {
        tally.addGrid(grid);
        grid = null;
      }
      objects.pop();
      expectKey.pop();
      i += 1;
    } else if (c === 0x2c) {
      // ,
      const top = kinds.length - 1;
      if (kinds[top] === ROW) column += 1;
      if (objects[top]) expectKey[top] = true;
      i += 1;
    } else if (c === QUOTE) {
      let j = i + 1;
      let chars = 0;
      let escaped = false;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          j += text.charCodeAt(j + 1) === 0x75 ? 6 : 2;
        } else j += 1;
        chars += 1;
      }
      if (j >= length) return;
      const top = expectKey.length - 1;
      const raw = () => (escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j));
      if (top >= 0 && expectKey[top]) {
        key = raw();
        expectKey[top] = false;
      } else {
        scalar(chars > 0, chars, raw);
      }
      i = j + 1;
    } else {
      // A number, true, false or null: up to the next delimiter.
      let j = i;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        j += 1;
      }
      if (j === i) return;
      scalar(!(j - i === 4 && text.startsWith('null', i)), 0, () => text.slice(i, j));
      i = j;
    }
  }
}
