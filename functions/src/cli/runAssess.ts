/** One run of `npm run assess` (SPEC §7): file in, result copy and JSON out, exit code back. */
import { compute } from '../domain/index.js';
import type { AssessmentResult, Grid } from '../domain/types.js';
import { graftResultSheets } from '../workbook/graftResults.js';
import { packageToGrids } from '../workbook/readPackage.js';
import { openWorkbookFile, WorkbookFileError } from '../workbook/readWorkbookFile.js';
import { assertNotInput, writeFileAtomic } from './outputFile.js';
import { defaultOutputPath, isXlsm, parseAssessArgs, USAGE, UsageError } from './parseArgs.js';
import { formatReport } from './report.js';

/** Exit codes of SPEC §7. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

/** Where the run prints: `out` for the report, `err` for the one-line failure reason. */
export interface Terminal {
  out(line: string): void;
  err(line: string): void;
}

/** A failure already phrased for the user. */
class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}

/** The first line of an error's message, without the stack. */
const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

async function writeOutput(input: string, path: string, data: string | Uint8Array): Promise<void> {
  await assertNotInput(input, path);
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new RunError(`无法写入「${path}」：${firstLine(error)}`);
  }
}

function computeOrFail(grids: Grid[], month: string | undefined): AssessmentResult {
  try {
    return compute(grids, month === undefined ? {} : { month });
  } catch (error) {
    throw new RunError(`计算失败：${firstLine(error)}`);
  }
}

/**
 * Runs the engine on the workbook named in `argv` and writes the results into a copy;
 * the input file is only read.
 * @returns 0 ok, 2 invalid input (issues printed and written), 1 any other failure
 */
export async function runAssess(argv: readonly string[], terminal: Terminal): Promise<number> {
  try {
    const args = parseAssessArgs(argv);
    if (args === 'help') {
      terminal.out(USAGE);
      return EXIT_OK;
    }
    const pkg = await openWorkbookFile(args.input);
    // The default copy takes the kind of the package (a macro workbook saved as .xlsx, or the other
    // way round, would not open in Excel); an explicit --out must name the same kind.
    const out = args.out === defaultOutputPath(args.input) ? defaultOutputPath(args.input, pkg.macroEnabled) : args.out;
    if (isXlsm(out) !== pkg.macroEnabled) {
      throw new UsageError(
        pkg.macroEnabled
          ? `输入是启用宏的工作簿，结果文件须以 .xlsm 结尾（Excel 不打开含宏的 .xlsx），收到「${out}」`
          : `输入是不含宏的 .xlsx 工作簿，结果文件须以 .xlsx 结尾，收到「${out}」`,
      );
    }
    for (const target of [out, args.json]) if (target !== undefined) await assertNotInput(args.input, target);
    const result = computeOrFail(await packageToGrids(pkg), args.month);
    // The copy is made in memory first, so that a failure leaves no half-written file.
    await writeOutput(args.input, out, await graftResultSheets(pkg.bytes, result));
    if (args.json !== undefined) await writeOutput(args.input, args.json, `${JSON.stringify(result, null, 2)}\n`);
    for (const line of formatReport(result, { workbook: out, json: args.json })) terminal.out(line);
    return result.status === 'ok' ? EXIT_OK : EXIT_INVALID;
  } catch (error) {
    const known = error instanceof UsageError || error instanceof WorkbookFileError || error instanceof RunError;
    terminal.err(known ? firstLine(error) : `运行失败：${firstLine(error)}`);
    return EXIT_FAILURE;
  }
}
