/**
 * An in-memory Excel behind the part of the Office.js API the add-in uses. Like the real one it
 * queues commands on proxy objects and runs them at `context.sync()`, refuses to show a
 * property that was not loaded and synced, gives null objects for the *OrNullObject methods,
 * stops a batch at the first failing command (keeping the commands before it: Excel does not
 * roll a batch back), turns strings written through `values` into numbers or formulas the way
 * Excel does, and refuses what Excel refuses (each rule below cites Microsoft's documentation):
 * bad sheet names, deleting the last visible or a very hidden sheet, structure changes under
 * workbook protection, focus-sensitive calls while another workbook has the focus, features a
 * legacy shared workbook forbids, requests or responses over 5 MB on the web and reads over
 * 5 000 000 cells. It counts syncs and measures every request.
 */
import type { CellValue, Grid } from '../../functions/src/domain/types.js';
import { parseAddress } from '../../functions/src/domain/sheets.js';

/**
 * "Excel on the web has a payload size limit for requests and responses of 5MB"; counted here as
 * the UTF-8 bytes of the JSON of the commands sent and the values returned.
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const LIMIT_BYTES = 5 * 1024 * 1024;

/** "A range is limited to five million cells for get operations" (same page as LIMIT_BYTES). */
export const READ_CELL_LIMIT = 5_000_000;

/**
 * Sheet names: at most 31 characters, none of `: \ / ? * [ ]`, not blank, unique without regard
 * to case. https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
 */
const MAX_SHEET_NAME = 31;
const BAD_SHEET_CHARS = /[:\\/?*[\]]/;

const encoder = new TextEncoder();
const utf8 = (value: unknown): number => encoder.encode(JSON.stringify(value) ?? '').length;

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

/** A rectangle by zero-based indexes. */
interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** One recorded command below a worksheet (formats, charts, validation, panes, page setup). */
export interface LogEntry {
  /** The range the command was made on, or null for the sheet itself. */
  address: string | null;
  /** Navigation from the range or sheet, e.g. `format.font.bold` or `conditionalFormats.add#4.custom.rule.formula`. */
  path: string;
  kind: 'set' | 'call';
  value: unknown;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface FakeSheet {
  /** Office.js gives worksheet ids as strings that stay the same across renames. */
  id: string;
  name: string;
  visibility: Visibility;
  /** Worksheet protection: cells cannot be changed; the sheet can still be renamed or deleted. */
  protected: boolean;
  tabColor: string | null;
  /** Cell values by `row,col` (zero-based). */
  cells: Map<string, CellValue>;
  numberFormats: Map<string, string>;
  /** Cells written as formulas (strings that began with `=`). */
  formulas: Set<string>;
  merges: string[];
  log: LogEntry[];
}

/** One sync as the fake received it. */
export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  commands: number;
  /** Set when the sync failed, with Excel's error code. */
  error: string | null;
}

type Command = { describe: unknown; run: () => void };

const key = (row: number, col: number): string => `${row},${col}`;

function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const rectAddress = (r: Rect): string =>
  r.row === 0 && r.rows === 1048576
    ? `${columnName(r.col)}:${columnName(r.col + r.cols - 1)}`
    : r.col === 0 && r.cols === 16384
      ? `${r.row + 1}:${r.row + r.rows}`
      : r.rows === 1 && r.cols === 1
    ? `${columnName(r.col)}${r.row + 1}`
    : `${columnName(r.col)}${r.row + 1}:${columnName(r.col + r.cols - 1)}${r.row + r.rows}`;

/** Parses `A1`, `A1:C3`, `1:10` and `C:E` into a rectangle. */
function parseRange(address: string): Rect {
  const [a = '', b = a] = address.split(':');
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return { row: Number(a) - 1, col: 0, rows: Number(b) - Number(a) + 1, cols: 16384 };
  if (/^[A-Z]+$/i.test(a) && /^[A-Z]+$/i.test(b)) {
    const from = parseAddress(`${a}1`)!.col - 1;
    const to = parseAddress(`${b}1`)!.col - 1;
    return { row: 0, col: from, rows: 1048576, cols: to - from + 1 };
  }
  const from = parseAddress(a);
  const to = parseAddress(b);
  if (!from || !to) throw new FakeError('InvalidArgument', `bad address ${address}`);
  return { row: from.row - 1, col: from.col - 1, rows: to.row - from.row + 1, cols: to.col - from.col + 1 };
}

/** How Excel stores a value written through `range.values`. */
function coerce(value: unknown): { value: CellValue; formula: boolean } {
  if (typeof value !== 'string') return { value: (value ?? '') as CellValue, formula: false };
  if (value.startsWith("'")) return { value: value.slice(1), formula: false };
  if (value.startsWith('=')) return { value, formula: true };
  const trimmed = value.trim();
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return { value: Number(trimmed), formula: false };
  if (/^(true|false)$/i.test(trimmed)) return { value: /^true$/i.test(trimmed), formula: false };
  if (/^\d{4}-\d{1,2}(-\d{1,2})?$/.test(trimmed)) {
    const [y, m, d = '1'] = trimmed.split('-').map(Number);
    return { value: Date.UTC(y!, m! - 1, Number(d)) / 86_400_000 + 25_569, formula: false };
  }
  return { value, formula: false };
}

/** Methods below a range or sheet that the recorder knows; everything else is navigation. */
const RECORDED_METHODS = new Set([
  'add',
  'getItem',
  'getItemAt',
  'setXAxisValues',
  'setPosition',
  'setPrintTitleRows',
  'freezeAt',
  'freezeRows',
  'freezeColumns',
]);

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly syncs: SyncRecord[] = [];
  readonly runOptions: unknown[] = [];
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** When set, the first command for which it returns true fails with GeneralException. */
  failWhen: ((description: unknown) => boolean) | null = null;
  /** Called before each command runs, with its description: a concurrent user acting mid-batch. */
  beforeCommand: ((description: unknown) => void) | null = null;
  /** Whether the 5 MB payload limit applies (Excel on the web); desktop hosts have none. */
  payloadLimited = true;
  /** Review → Protect Workbook (structure). */
  structureProtected = false;
  /** The file was opened read-only (`workbook.readOnly`, ExcelApi 1.8). */
  readOnly = false;
  /** A legacy shared workbook (Review → Share Workbook (Legacy)). */
  legacyShared = false;
  /** Another workbook window has the focus. */
  focusElsewhere = false;
  /** The host's highest ExcelApi version as a number (1.7 → 1007); members above it do not exist there. */
  apiVersion = Infinity;
  private nextId = 1;
  private nextCall = 1;

  /** A workbook holding `grids` (values only), one sheet per distinct name in order. */
  static fromGrids(grids: readonly Grid[]): FakeExcel {
    const fake = new FakeExcel();
    for (const grid of grids) {
      const sheet = fake.sheet(grid.name) ?? fake.addSheet(grid.name);
      const origin = parseAddress(grid.origin)!;
      grid.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== '' && v !== null && v !== undefined) sheet.cells.set(key(origin.row - 1 + r, origin.col - 1 + c), v as CellValue);
        }),
      );
    }
    fake.activeSheet = fake.sheets[0]?.name ?? null;
    return fake;
  }

  addSheet(name: string): FakeSheet {
    this.checkName(name, null);
    const sheet: FakeSheet = {
      id: `{${String(this.nextId++).padStart(8, '0')}-0000-4000-8000-000000000000}`,
      name,
      visibility: 'Visible',
      protected: false,
      tabColor: null,
      cells: new Map(),
      numberFormats: new Map(),
      formulas: new Set(),
      merges: [],
      log: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /**
   * A member of a newer requirement set than the host's is not there: Office.js fails the call
   * (ApiNotFound). Versions per member from the Excel API reference (each member's "API set").
   */
  requireApi(version: string, member: string): void {
    const [major = '0', minor = '0'] = version.split('.');
    if (Number(major) * 1000 + Number(minor) > this.apiVersion) throw new FakeError('ApiNotFound', `${member} 需要 ExcelApi ${version}`);
  }

  /** Refuses a sheet name Excel refuses (see MAX_SHEET_NAME), `self` being the sheet renamed. */
  checkName(name: string, self: FakeSheet | null): void {
    if (name.trim() === '' || name.length > MAX_SHEET_NAME || BAD_SHEET_CHARS.test(name) || /^'|'$/.test(name)) {
      throw new FakeError('InvalidArgument', `工作表名称不合规：${name}`);
    }
    const other = this.sheet(name);
    if (other && other !== self) throw new FakeError('ItemAlreadyExists', `工作表「${name}」已存在`);
  }

  /**
   * Workbook structure protection forbids adding, deleting, renaming, hiding and unhiding sheets.
   * https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection
   */
  checkStructure(): void {
    if (this.structureProtected) throw new FakeError('AccessDenied', '工作簿结构受保护');
    if (this.readOnly) throw new FakeError('AccessDenied', '工作簿为只读');
  }

  /**
   * While another workbook has the focus, WorksheetCollection.add, Worksheet.activate,
   * Range.select and the freeze-pane methods throw GeneralException and Worksheet.delete throws
   * InvalidSelection (Windows and Mac).
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-troubleshooting#api-limitations-when-the-active-workbook-switches
   */
  checkFocus(code: 'GeneralException' | 'InvalidSelection'): void {
    if (this.focusElsewhere) throw new FakeError(code, '另一个工作簿获得了焦点');
  }

  /**
   * A legacy shared workbook cannot delete sheets, merge cells, add conditional formats, data
   * validation or charts ("Features unsupported in a shared workbook").
   * https://support.microsoft.com/office/about-the-shared-workbook-feature-49b833c0-873b-48d8-8bf2-c1c59a628534
   */
  checkShared(feature: string): void {
    if (this.legacyShared) throw new FakeError('AccessDenied', `共享工作簿不允许${feature}`);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The values of a sheet from A1 to its last used cell. */
  values(name: string): CellValue[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const used = this.usedRect(sheet, null);
    if (!used) return [];
    return Array.from({ length: used.row + used.rows }, (_, r) =>
      Array.from({ length: used.col + used.cols }, (_, c) => sheet.cells.get(key(r, c)) ?? ''),
    );
  }

  /** A deep copy of every sheet's name, visibility, values and formats, to compare before and after. */
  snapshot(): unknown {
    return this.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      cells: [...s.cells.entries()].sort(),
      numberFormats: [...s.numberFormats.entries()].sort(),
      merges: [...s.merges],
      log: s.log.length,
    }));
  }

  /** The conditional formats added to a sheet, each with its range, type and the settings made on it. */
  conditionalFormats(name: string): { address: string; type: string; settings: Record<string, unknown> }[] {
    return this.added(name, 'conditionalFormats.add');
  }

  /** The charts added to a sheet, each with its source range, type and the settings made on it. */
  charts(name: string): { address: string; type: string; settings: Record<string, unknown> }[] {
    return this.added(name, 'charts.add');
  }

  private added(name: string, method: string): { address: string; type: string; settings: Record<string, unknown> }[] {
    const sheet = this.sheet(name)!;
    return sheet.log
      .filter((e) => e.kind === 'call' && e.path.replace(/#\d+$/, '') === method)
      .map((call) => {
        const id = call.path;
        const settings: Record<string, unknown> = {};
        for (const e of sheet.log) {
          if (e.path.startsWith(`${id}.`)) settings[e.path.slice(id.length + 1)] = e.value;
        }
        const args = call.value as unknown[];
        const source = args[1] as { address?: string } | undefined;
        return { address: call.address ?? source?.address ?? '', type: String(args[0]), settings };
      });
  }

  /** Maximum bytes of any request or response so far. */
  get maxBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
  }

  /** `Excel.run`, with or without run options. */
  run = async <T>(first: unknown, second?: (context: FakeContext) => Promise<T>): Promise<T> => {
    const batch = (typeof first === 'function' ? first : second) as (context: FakeContext) => Promise<T>;
    this.runOptions.push(typeof first === 'function' ? null : first);
    const context = new FakeContext(this);
    const result = await batch(context);
    if (context.pending.length > 0) throw new Error(`Excel.run ended with ${context.pending.length} commands never synced`);
    return result;
  };

  /** Bounding box of the used cells of a sheet, within `within` when given. */
  usedRect(sheet: FakeSheet, within: Rect | null): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, v] of sheet.cells) {
      if (v === '' || v === null) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      if (within && (r < within.row || r >= within.row + within.rows || c < within.col || c >= within.col + within.cols)) continue;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  callId(): number {
    return this.nextCall++;
  }
}

/** Resolves a proxy to its object at sync time: a sheet, a range, or null for a null object. */
type SheetRef = () => FakeSheet | null;
type RangeRef = () => { sheet: FakeSheet; rect: Rect } | null;

export class FakeContext {
  readonly pending: Command[] = [];
  /** Proxies whose isNullObject becomes readable at the next sync. */
  private readonly awaiting: { settle(): void }[] = [];
  readonly workbook: FakeWorkbook;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  queue(describe: unknown, run: () => void): void {
    this.pending.push({ describe, run });
  }

  track(proxy: { settle(): void }): void {
    this.awaiting.push(proxy);
  }

  async sync(): Promise<void> {
    const commands = this.pending.splice(0);
    const settling = this.awaiting.splice(0);
    const record: SyncRecord = { requestBytes: utf8(commands.map((c) => c.describe)), responseBytes: 0, commands: commands.length, error: null };
    this.excel.syncs.push(record);
    if (this.excel.payloadLimited && record.requestBytes > LIMIT_BYTES) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw new FakeError(record.error, '请求超过 5 MB');
    }
    const responses: unknown[] = [];
    this.responses = responses;
    try {
      for (const command of commands) {
        this.excel.beforeCommand?.(command.describe);
        if (this.excel.failWhen?.(command.describe)) throw new FakeError('GeneralException', 'injected failure');
        command.run();
      }
    } catch (error) {
      record.error = error instanceof FakeError ? error.code : 'GeneralException';
      throw error;
    } finally {
      record.responseBytes = utf8(responses);
      for (const proxy of settling) proxy.settle();
    }
    if (this.excel.payloadLimited && record.responseBytes > LIMIT_BYTES) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeError(record.error, '响应超过 5 MB');
    }
  }

  responses: unknown[] = [];
}

/** Property values a proxy received at a sync; reading any other property throws. */
class Loaded {
  private readonly values = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  get(name: string, owner: string): unknown {
    if (!this.values.has(name)) throw new Error(`PropertyNotLoaded: ${owner}.${name} was read without load() and sync()`);
    return this.values.get(name);
  }
}

/** Null-object state: unknown until the sync after the proxy was made. */
class NullState {
  private settled = false;
  private isNull = false;

  constructor(
    context: FakeContext,
    private readonly probe: () => boolean,
  ) {
    context.track(this);
  }

  settle(): void {
    this.settled = true;
    this.isNull = this.probe();
  }

  get value(): boolean {
    if (!this.settled) throw new Error('PropertyNotLoaded: isNullObject was read before context.sync()');
    return this.isNull;
  }
}

function splitProps(props: string | string[]): string[] {
  return (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
}

/** The workbook: its sheets, its structure protection and (ExcelApi 1.8) whether it is read-only. */
class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly protection: { protected: boolean; load(props: string): unknown };
  private readonly loaded = new Loaded();

  constructor(private readonly context: FakeContext) {
    this.worksheets = new FakeWorksheets(context);
    const protection = new Loaded();
    this.protection = {
      get protected() {
        return protection.get('protected', 'workbook.protection') as boolean;
      },
      load: () => {
        context.queue({ o: 'workbook.protection', load: ['protected'] }, () => {
          context.excel.requireApi('1.7', 'workbook.protection');
          protection.set('protected', context.excel.structureProtected);
        });
        return this.protection;
      },
    };
  }

  get readOnly(): boolean {
    return this.loaded.get('readOnly', 'workbook') as boolean;
  }

  load(props: string): this {
    this.context.queue({ o: 'workbook', load: splitProps(props) }, () => {
      for (const p of splitProps(props)) {
        if (p !== 'readOnly') throw new Error(`the fake cannot load workbook.${p}`);
        this.context.excel.requireApi('1.8', 'workbook.readOnly');
        this.loaded.set(p, this.context.excel.readOnly);
      }
    });
    return this;
  }
}

class FakeWorksheets {
  private readonly loaded = new Loaded();

  constructor(private readonly context: FakeContext) {}

  get items(): FakeWorksheet[] {
    return this.loaded.get('items', 'worksheets') as FakeWorksheet[];
  }

  load(props: string | string[]): this {
    const wanted = splitProps(props).map((p) => p.replace(/^items\//, ''));
    this.context.queue({ o: 'worksheets', load: wanted }, () => {
      const items = this.context.excel.sheets.map((sheet) => {
        const proxy = new FakeWorksheet(this.context, `ws#${sheet.id}`, () => (this.context.excel.sheets.includes(sheet) ? sheet : null), false);
        proxy.receive(wanted, sheet);
        return proxy;
      });
      this.context.responses.push(items.map((_, i) => wanted.map((w) => (this.context.excel.sheets[i] as unknown as Record<string, unknown>)[w])));
      this.loaded.set('items', items);
    });
    return this;
  }

  /** A proxy found by name when its first command runs, and bound to that sheet from then on (renames included). */
  private byName(name: string): () => FakeSheet | null {
    let bound: FakeSheet | null = null;
    return () => {
      if (bound && this.context.excel.sheets.includes(bound)) return bound;
      bound = this.context.excel.sheet(name) ?? null;
      return bound;
    };
  }

  getItem(name: string): FakeWorksheet {
    const find = this.byName(name);
    return new FakeWorksheet(
      this.context,
      `ws(${name})`,
      () => {
        const sheet = find();
        if (!sheet) throw new FakeError('ItemNotFound', `找不到工作表「${name}」`);
        return sheet;
      },
      false,
    );
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `ws?(${name})`, this.byName(name), true);
  }

  add(name: string): FakeWorksheet {
    const box: { sheet: FakeSheet | null } = { sheet: null };
    this.context.queue({ o: 'worksheets', call: 'add', args: [name] }, () => {
      this.context.excel.checkStructure();
      this.context.excel.checkFocus('GeneralException');
      box.sheet = this.context.excel.addSheet(name);
    });
    return new FakeWorksheet(this.context, `ws+(${name})`, () => box.sheet, false);
  }
}

/** Runs `fn` on the resolved object, failing like Excel on a null object. */
function must<T>(resolved: T | null, what: string): T {
  if (resolved === null) throw new FakeError('InvalidOperation', `${what} is a null object`);
  return resolved;
}

class FakeWorksheet {
  private readonly loaded = new Loaded();
  private readonly nullState: NullState | null;

  constructor(
    private readonly context: FakeContext,
    private readonly path: string,
    private readonly ref: SheetRef,
    nullable: boolean,
  ) {
    this.nullState = nullable ? new NullState(context, () => this.ref() === null) : null;
  }

  get isNullObject(): boolean {
    if (!this.nullState) return false;
    return this.nullState.value;
  }

  receive(props: readonly string[], sheet: FakeSheet): void {
    for (const p of props) this.loaded.set(p, (sheet as unknown as Record<string, unknown>)[p]);
  }

  load(props: string | string[]): this {
    const wanted = splitProps(props);
    this.context.queue({ o: this.path, load: wanted }, () => {
      const sheet = must(this.ref(), this.path);
      this.receive(wanted, sheet);
      this.context.responses.push(wanted.map((w) => (sheet as unknown as Record<string, unknown>)[w]));
    });
    return this;
  }

  get name(): string {
    return this.loaded.get('name', this.path) as string;
  }

  set name(value: string) {
    this.context.queue({ o: this.path, set: 'name', value }, () => {
      const sheet = must(this.ref(), this.path);
      this.context.excel.checkStructure();
      this.context.excel.checkName(value, sheet);
      if (this.context.excel.activeSheet === sheet.name) this.context.excel.activeSheet = value;
      sheet.name = value;
    });
  }

  get visibility(): Visibility {
    return this.loaded.get('visibility', this.path) as Visibility;
  }

  get id(): string {
    return this.loaded.get('id', this.path) as string;
  }

  set visibility(value: Visibility) {
    this.context.queue({ o: this.path, set: 'visibility', value }, () => {
      const sheet = must(this.ref(), this.path);
      const excel = this.context.excel;
      if (sheet.visibility === value) return;
      excel.checkStructure();
      // A workbook must keep at least one visible sheet (Excel refuses to hide the last one).
      if (value !== 'Visible' && !excel.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new FakeError('InvalidOperation', '不能隐藏唯一可见的工作表');
      }
      sheet.visibility = value;
      if (value !== 'Visible' && excel.activeSheet === sheet.name) excel.activeSheet = excel.sheets.find((s) => s.visibility === 'Visible')!.name;
    });
  }

  set tabColor(value: string) {
    this.context.queue({ o: this.path, set: 'tabColor', value }, () => {
      must(this.ref(), this.path).tabColor = value;
    });
  }

  delete(): void {
    this.context.queue({ o: this.path, call: 'delete' }, () => {
      const sheet = must(this.ref(), this.path);
      const excel = this.context.excel;
      excel.checkStructure();
      excel.checkFocus('InvalidSelection');
      excel.checkShared('删除工作表');
      // "If the worksheet's visibility is set to VeryHidden, the delete operation will fail with an
      // InvalidOperation exception." https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
      if (sheet.visibility === 'VeryHidden') throw new FakeError('InvalidOperation', '不能删除深度隐藏的工作表');
      // A workbook must contain at least one visible worksheet.
      if (sheet.visibility === 'Visible' && !excel.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new FakeError('InvalidOperation', '不能删除唯一可见的工作表');
      }
      excel.sheets.splice(excel.sheets.indexOf(sheet), 1);
      if (excel.activeSheet === sheet.name) excel.activeSheet = excel.sheets.find((s) => s.visibility === 'Visible')?.name ?? null;
    });
  }

  activate(): void {
    this.context.queue({ o: this.path, call: 'activate' }, () => {
      const sheet = must(this.ref(), this.path);
      this.context.excel.checkFocus('GeneralException');
      if (sheet.visibility !== 'Visible') throw new FakeError('InvalidOperation', 'cannot activate a hidden sheet');
      this.context.excel.activeSheet = sheet.name;
    });
  }

  getRange(address: string): FakeRange {
    return new FakeRange(this.context, `${this.path}.range(${address})`, () => ({ sheet: must(this.ref(), this.path), rect: parseRange(address) }), false);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.idx(${row},${col},${rows},${cols})`, () => ({ sheet: must(this.ref(), this.path), rect: { row, col, rows, cols } }), false);
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.used`,
      () => {
        const sheet = must(this.ref(), this.path);
        const rect = this.context.excel.usedRect(sheet, null);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }

  get freezePanes(): unknown {
    return recorder(this.context, () => ({ sheet: must(this.ref(), this.path), address: null }), 'freezePanes', this.path, () => {
      this.context.excel.requireApi('1.7', 'worksheet.freezePanes');
      this.context.excel.checkFocus('GeneralException');
    });
  }

  get charts(): unknown {
    return recorder(this.context, () => ({ sheet: must(this.ref(), this.path), address: null }), 'charts', this.path, () =>
      this.context.excel.checkShared('插入图表'),
    );
  }

  get pageLayout(): unknown {
    return recorder(this.context, () => ({ sheet: must(this.ref(), this.path), address: null }), 'pageLayout', this.path, () =>
      this.context.excel.requireApi('1.9', 'worksheet.pageLayout'),
    );
  }

  get horizontalPageBreaks(): unknown {
    return recorder(this.context, () => ({ sheet: must(this.ref(), this.path), address: null }), 'horizontalPageBreaks', this.path);
  }
}

class FakeRange {
  private readonly loaded = new Loaded();
  private readonly nullState: NullState | null;

  constructor(
    private readonly context: FakeContext,
    private readonly path: string,
    readonly ref: RangeRef,
    nullable: boolean,
  ) {
    this.nullState = nullable ? new NullState(context, () => this.ref() === null) : null;
  }

  get isNullObject(): boolean {
    return this.nullState ? this.nullState.value : false;
  }

  private target(): { sheet: FakeSheet; rect: Rect } {
    return must(this.ref(), this.path);
  }

  load(props: string | string[]): this {
    const wanted = splitProps(props);
    this.context.queue({ o: this.path, load: wanted }, () => {
      const { sheet, rect } = this.target();
      if (wanted.includes('values') && rect.rows * rect.cols > READ_CELL_LIMIT) {
        throw new FakeError('ResponsePayloadSizeLimitExceeded', `一次读取超过 ${READ_CELL_LIMIT} 个单元格`);
      }
      const all: Record<string, unknown> = {
        address: `${sheet.name}!${rectAddress(rect)}`,
        rowIndex: rect.row,
        columnIndex: rect.col,
        rowCount: rect.rows,
        columnCount: rect.cols,
        values: Array.from({ length: rect.rows }, (_, r) =>
          Array.from({ length: rect.cols }, (_, c) => sheet.cells.get(key(rect.row + r, rect.col + c)) ?? ''),
        ),
      };
      const response = wanted.map((w) => {
        if (!(w in all)) throw new Error(`the fake cannot load ${w}`);
        this.loaded.set(w, all[w]);
        return all[w];
      });
      this.context.responses.push(response);
    });
    return this;
  }

  get values(): CellValue[][] {
    return this.loaded.get('values', this.path) as CellValue[][];
  }

  get address(): string {
    return this.loaded.get('address', this.path) as string;
  }

  get rowIndex(): number {
    return this.loaded.get('rowIndex', this.path) as number;
  }

  get columnIndex(): number {
    return this.loaded.get('columnIndex', this.path) as number;
  }

  get rowCount(): number {
    return this.loaded.get('rowCount', this.path) as number;
  }

  get columnCount(): number {
    return this.loaded.get('columnCount', this.path) as number;
  }

  set values(values: unknown[][]) {
    this.context.queue({ o: this.path, set: 'values', value: values }, () => {
      const { sheet, rect } = this.target();
      if (sheet.protected) throw new FakeError('AccessDenied', `工作表「${sheet.name}」受保护`);
      if (values.length !== rect.rows || values.some((row) => row.length !== rect.cols)) {
        throw new FakeError('InvalidArgument', `values of ${rectAddress(rect)} do not match its size`);
      }
      values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = key(rect.row + r, rect.col + c);
          const { value, formula } = coerce(v);
          if (value === '') sheet.cells.delete(cell);
          else sheet.cells.set(cell, value);
          if (formula) sheet.formulas.add(cell);
          else sheet.formulas.delete(cell);
        }),
      );
    });
  }

  set numberFormat(formats: string[][]) {
    this.context.queue({ o: this.path, set: 'numberFormat', value: formats }, () => {
      const { sheet, rect } = this.target();
      if (formats.length !== rect.rows || formats.some((row) => row.length !== rect.cols)) {
        throw new FakeError('InvalidArgument', `number formats of ${rectAddress(rect)} do not match its size`);
      }
      formats.forEach((row, r) => row.forEach((f, c) => sheet.numberFormats.set(key(rect.row + r, rect.col + c), f)));
    });
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.used`,
      () => {
        const { sheet, rect } = this.target();
        const used = this.context.excel.usedRect(sheet, rect);
        return used ? { sheet, rect: used } : null;
      },
      true,
    );
  }

  merge(_across?: boolean): void {
    this.context.queue({ o: this.path, call: 'merge' }, () => {
      const { sheet, rect } = this.target();
      this.context.excel.checkShared('合并单元格');
      sheet.merges.push(rectAddress(rect));
    });
  }

  select(): void {
    this.context.queue({ o: this.path, call: 'select' }, () => {
      const { sheet, rect } = this.target();
      this.context.excel.checkFocus('GeneralException');
      this.context.excel.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }

  /** What Office.js sends for a range argument: its address. */
  toJSON(): unknown {
    return { range: this.path };
  }

  get format(): unknown {
    return this.recorded('format');
  }

  get conditionalFormats(): unknown {
    return this.recorded('conditionalFormats', () => {
      this.context.excel.requireApi('1.6', 'range.conditionalFormats');
      this.context.excel.checkShared('设置条件格式');
    });
  }

  get dataValidation(): unknown {
    return this.recorded('dataValidation', () => {
      this.context.excel.requireApi('1.8', 'range.dataValidation');
      this.context.excel.checkShared('设置数据验证');
    });
  }

  private recorded(root: string, guard?: () => void): unknown {
    return recorder(
      this.context,
      () => {
        const { sheet, rect } = this.target();
        return { sheet, address: rectAddress(rect) };
      },
      root,
      this.path,
      guard,
    );
  }
}

/**
 * A proxy that records every property set and method call below a range or sheet into the
 * sheet's log. Methods return further recorders named by a call id, so that the settings made
 * on one added conditional format or chart can be told apart.
 */
function recorder(
  context: FakeContext,
  base: () => { sheet: FakeSheet; address: string | null },
  path: string,
  owner: string,
  guard: () => void = () => undefined,
): unknown {
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
        if (!RECORDED_METHODS.has(prop)) return recorder(context, base, `${path}.${prop}`, owner, guard);
        return (...args: unknown[]) => {
          const id = `${path}.${prop}#${context.excel.callId()}`;
          const described = args.map((a) => (a instanceof FakeRange ? a.toJSON() : a));
          context.queue({ o: owner, call: id, args: described }, () => {
            const { sheet, address } = base();
            guard();
            const value = args.map((a) => {
              if (!(a instanceof FakeRange)) return a;
              const resolved = must(a.ref(), 'range argument');
              return { address: rectAddress(resolved.rect) };
            });
            sheet.log.push({ address, path: id, kind: 'call', value });
          });
          return recorder(context, base, id, owner, guard);
        };
      },
      set(_target, prop, value) {
        if (typeof prop !== 'string') return false;
        context.queue({ o: owner, set: `${path}.${prop}`, value }, () => {
          const { sheet, address } = base();
          guard();
          sheet.log.push({ address, path: `${path}.${prop}`, kind: 'set', value });
        });
        return true;
      },
    },
  );
}
