/**
 * The workbook limits (`domain/limits.ts`) checked on the bytes of a validate/compute body while
 * it is decompressed, before anything is parsed: one pass counts grids, rows, non-empty cells
 * and text lengths without building a value, and stops at the first row or cell past a limit.
 * So a request of a million rows is refused after reading a fraction of it, in a fraction of the
 * memory `JSON.parse` would take. Malformed JSON is left to `JSON.parse`, which reports it.
 *
 * Works on UTF-8 bytes: JSON's structural characters are ASCII, and no byte of a multi-byte
 * character is ASCII. Text length is counted in UTF-16 units, as JavaScript's `length` does.
 */
import { LIMITS, LimitTally, type GridTally, type Limits } from '../domain/limits.js';

// What a container is, by where it sits in `{ town, month, grids: [{ name, origin, values: [[…]] }] }`.
const Kind = { other: 0, root: 1, grids: 2, grid: 3, values: 4, row: 5 } as const;

// Where the scan is: between tokens, inside a string, inside a number/true/false/null.
const Mode = { between: 0, string: 1, literal: 2 } as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Longest key or sheet name kept: the ones that matter are short. */
const MAX_CAPTURE = 256;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Scans a body fed in chunks; {@link feed} throws `LimitExceededError` at the first limit passed. */
export class RequestLimitScanner {
  private readonly tally: LimitTally;
  private readonly kinds: number[] = [];
  private readonly objects: boolean[] = [];
  private readonly expectKey: boolean[] = [];
  private key = '';
  private grid: GridTally | null = null;
  private column = 0;
  private mode: number = Mode.between;
  /** After a backslash: -1 until the next byte, then the hex digits of `\uXXXX` still to skip. */
  private escape = 0;
  private units = 0;
  private capture: number[] | null = null;
  private literal = '';
  /** Set when the text stops making sense as JSON: then only `JSON.parse` has a say. */
  private broken = false;

  constructor(limits: Limits = LIMITS) {
    this.tally = new LimitTally(limits);
  }

  feed(bytes: Uint8Array): void {
    const length = bytes.length;
    let i = 0;
    while (i < length && !this.broken) {
      if (this.mode === Mode.string) {
        i = this.string(bytes, i);
        continue;
      }
      const b = bytes[i]!;
      i += 1;
      if (this.mode === Mode.literal) {
        if (!isSpace(b) && b !== 0x2c && b !== 0x5d && b !== 0x7d) {
          if (this.literal.length < 5) this.literal += String.fromCharCode(b);
          continue;
        }
        this.mode = Mode.between;
        this.scalar(this.literal !== 'null', 0, this.literal);
      }
      this.structural(b);
    }
  }

  /** Reads string bytes from `start` up to its closing quote or the chunk's end; returns where it stopped. */
  private string(bytes: Uint8Array, start: number): number {
    const length = bytes.length;
    const capture = this.capture;
    let units = this.units;
    let escape = this.escape;
    let i = start;
    for (; i < length; i += 1) {
      const b = bytes[i]!;
      if (escape !== 0) {
        if (escape === -1) {
          escape = b === 0x75 ? 4 : 0;
          units += 1;
        } else escape -= 1;
      } else if (b === QUOTE) {
        break;
      } else if (b === BACKSLASH) {
        escape = -1;
      } else if ((b & 0xc0) !== 0x80) {
        units += b >= 0xf0 ? 2 : 1;
      }
      if (capture && capture.length < MAX_CAPTURE) capture.push(b);
    }
    this.units = units;
    this.escape = escape;
    if (i === length) return i;
    this.mode = Mode.between;
    this.endString();
    return i + 1;
  }

  private structural(b: number): void {
    if (isSpace(b) || b === 0x3a) return;
    if (b === 0x7b || b === 0x5b) {
      this.open(b === 0x7b);
    } else if (b === 0x7d || b === 0x5d) {
      if (this.kinds.length === 0) {
        this.broken = true;
        return;
      }
      if (this.kinds.pop() === Kind.grid && this.grid) {
        this.tally.addGrid(this.grid);
        this.grid = null;
      }
      this.objects.pop();
      this.expectKey.pop();
    } else if (b === 0x2c) {
      const top = this.kinds.length - 1;
      if (this.kinds[top] === Kind.row) this.column += 1;
      if (this.objects[top]) this.expectKey[top] = true;
    } else if (b === QUOTE) {
      this.mode = Mode.string;
      this.units = 0;
      const top = this.kinds.length - 1;
      const wanted = this.expectKey[top] || (this.kinds[top] === Kind.grid && (this.key === 'name' || this.key === 'origin'));
      this.capture = wanted ? [] : null;
    } else {
      this.mode = Mode.literal;
      this.literal = String.fromCharCode(b);
    }
  }

  private open(object: boolean): void {
    const parent = this.kinds.length === 0 ? -1 : this.kinds[this.kinds.length - 1]!;
    let kind: number = Kind.other;
    if (parent === -1 && object) kind = Kind.root;
    else if (parent === Kind.root && !object && this.key === 'grids') kind = Kind.grids;
    else if (parent === Kind.grids && object) kind = Kind.grid;
    else if (parent === Kind.grid && !object && this.key === 'values') kind = Kind.values;
    else if (parent === Kind.values && !object) kind = Kind.row;
    if (kind === Kind.grid) this.grid = { name: '', rows: 0, nonEmptyCells: 0, longestText: { length: 0, row: 0, column: 0 } };
    if (kind === Kind.row && this.grid) {
      this.grid.rows += 1;
      this.column = 0;
      // The name usually comes before the values: then a sheet over a limit stops the scan here.
      if (this.grid.name !== '') this.tally.checkGrowing(this.grid);
    }
    this.kinds.push(kind);
    this.objects.push(object);
    this.expectKey.push(object);
  }

  private endString(): void {
    const top = this.kinds.length - 1;
    const text = this.capture ? decodeCaptured(this.capture) : '';
    if (top >= 0 && this.expectKey[top]) {
      this.key = text;
      this.expectKey[top] = false;
    } else {
      this.scalar(this.units > 0, this.units, text);
    }
  }

  private scalar(nonEmpty: boolean, textLength: number, text: string): void {
    const top = this.kinds[this.kinds.length - 1];
    const grid = this.grid;
    if (!grid) return;
    if (top === Kind.row) {
      if (!nonEmpty) return;
      grid.nonEmptyCells += 1;
      if (textLength > grid.longestText.length) grid.longestText = { length: textLength, row: grid.rows - 1, column: this.column };
    } else if (top === Kind.grid && (this.key === 'name' || this.key === 'origin')) {
      grid[this.key] = text;
    }
  }
}

/** Checks a whole body at once (tests, and bodies that are not compressed). */
export function checkRequestLimits(body: Uint8Array | string, limits: Limits = LIMITS): void {
  new RequestLimitScanner(limits).feed(typeof body === 'string' ? new TextEncoder().encode(body) : body);
}

function decodeCaptured(bytes: number[]): string {
  const raw = new TextDecoder().decode(new Uint8Array(bytes));
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
