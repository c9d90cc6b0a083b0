/** Command line of `npm run assess` (SPEC §7). */
import { basename, dirname, extname, join, resolve } from 'node:path';

export const USAGE = '用法：npm run assess -- <工作簿.xlsx> [--month YYYY-MM] [--out 结果.xlsx] [--json 结果.json]';

/** A command line that cannot be run; the message is one Chinese line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface AssessArgs {
  /** The workbook to assess. */
  input: string;
  /** Overrides 参数 考核月份, `YYYY-MM`. */
  month?: string;
  /** Where the copy with the result sheets goes. */
  out: string;
  /** Where the result JSON goes, when wanted. */
  json?: string;
}

const FLAGS = ['--month', '--out', '--json'] as const;
type Flag = (typeof FLAGS)[number];
const isFlag = (text: string): text is Flag => (FLAGS as readonly string[]).includes(text);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether a path names an .xlsm file. */
export const isXlsm = (path: string): boolean => extname(path).toLowerCase() === '.xlsm';

/** `<dir>/<name>-结果.xlsx` beside the input (`.xlsm` for a workbook with macros). */
export function defaultOutputPath(input: string, macroEnabled = isXlsm(input)): string {
  return join(dirname(input), `${basename(input, extname(input))}-结果.${macroEnabled ? 'xlsm' : 'xlsx'}`);
}

/**
 * Parses the arguments after `npm run assess --`; `--flag value` and `--flag=value` both work.
 * Returns `'help'` for `-h`/`--help`.
 * @throws UsageError naming what is wrong
 */
export function parseAssessArgs(argv: readonly string[]): AssessArgs | 'help' {
  const values: Partial<Record<Flag, string>> = {};
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('-') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    if (!isFlag(flag)) throw new UsageError(`未知参数「${arg}」。${USAGE}`);
    if (values[flag] !== undefined) throw new UsageError(`参数 ${flag} 重复出现`);
    const value = equals < 0 ? argv[++i] : arg.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`参数 ${flag} 后缺少取值`);
    values[flag] = value;
  }
  const [input, extra] = inputs;
  if (input === undefined) throw new UsageError(`缺少工作簿文件。${USAGE}`);
  if (extra !== undefined) throw new UsageError(`只能指定一个工作簿，多出了「${extra}」`);
  const month = values['--month'];
  if (month !== undefined && !MONTH.test(month)) {
    throw new UsageError(`--month 的格式应为 YYYY-MM（如 2015-04），收到「${month}」`);
  }
  const out = values['--out'] ?? defaultOutputPath(input);
  const json = values['--json'];
  for (const target of [out, json]) {
    if (target !== undefined && resolve(target) === resolve(input)) {
      throw new UsageError('输出文件不能与输入文件相同：输入工作簿不会被修改');
    }
  }
  if (json !== undefined && resolve(json) === resolve(out)) throw new UsageError('--json 与 --out 不能是同一个文件');
  return { input, out, ...(month !== undefined ? { month } : {}), ...(json !== undefined ? { json } : {}) };
}
