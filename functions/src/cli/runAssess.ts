/** One run of `npm run assess` (SPEC §7): file in, result copy and JSON out, exit code back. */
import { writeFile } from 'node:fs/promises';
import { compute } from '../domain/index.js';
import type { AssessmentResult, Grid } from '../domain/types.js';
import { workbookToGrids } from '../workbook/readWorkbook.js';
import { loadWorkbookFile, WorkbookFileError } from '../workbook/readWorkbookFile.js';
import { writeResultSheets } from '../workbook/writeResults.js';
import { parseAssessArgs, USAGE, UsageError } from './parseArgs.js';
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

async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
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
    const workbook = await loadWorkbookFile(args.input);
    const result = computeOrFail(workbookToGrids(workbook), args.month);
    writeResultSheets(workbook, result);
    // Serialise before opening the file, so that a serialisation failure leaves no half-written file.
    await writeOutput(args.out, new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (args.json !== undefined) await writeOutput(args.json, `${JSON.stringify(result, null, 2)}\n`);
    for (const line of formatReport(result, { workbook: args.out, json: args.json })) terminal.out(line);
    return result.status === 'ok' ? EXIT_OK : EXIT_INVALID;
  } catch (error) {
    const known = error instanceof UsageError || error instanceof WorkbookFileError || error instanceof RunError;
    terminal.err(known ? firstLine(error) : `运行失败：${firstLine(error)}`);
    return EXIT_FAILURE;
  }
}
