/**
 * One 校验 or 计算考核, the same in Excel and in the browser: read the workbook, ask the API,
 * write the result sheets (or only 校验问题). Where the workbook lives is a {@link WorkbookPort}.
 */
import { detectTables } from '../../../functions/src/domain/detectTables.js';
import { IssueList } from '../../../functions/src/domain/issues.js';
import { checkGridLimits, LimitExceededError } from '../../../functions/src/domain/limits.js';
import { readParams } from '../../../functions/src/domain/readParams.js';
import { assembleSheets } from '../../../functions/src/domain/sheets.js';
import type { AssessmentResult, Grid } from '../../../functions/src/domain/types.js';
import type { ApiClient, AssessmentAnswer } from '../api/client.js';
import { mark } from './marks.js';

export type AssessmentAction = 'validate' | 'compute';

/** Where the workbook lives: the open Excel workbook, or a file dropped into the browser. */
export interface WorkbookPort {
  /** The raw grids of the workbook's sheets. */
  read(): Promise<Grid[]>;
  /** Writes the result sheets of `result`, or only 校验问题 when `issuesOnly`. */
  write(result: AssessmentResult, issuesOnly: boolean): Promise<void>;
}

/** A failure the user fixes in the workbook or the settings (not a service failure). */
export class AssessmentError extends Error {
  override readonly name = 'AssessmentError';
}

export type Progress = 'read' | 'send' | 'write';

/** Chinese labels of the steps, for the progress bar. */
export const PROGRESS_TEXT: Record<Progress, string> = {
  read: '正在读取工作表…',
  send: '正在提交考核服务计算…',
  write: '正在写入结果工作表…',
};

export interface RunOutcome extends AssessmentAnswer {
  action: AssessmentAction;
  /** What went into the workbook: every result sheet, or only 校验问题. */
  written: 'results' | 'issues';
}

/** 乡镇 and 考核月份 as the workbook's 参数 sheet gives them (null where missing or invalid). */
export function workbookParams(grids: readonly Grid[]): { town: string | null; month: string | null } {
  const issues = new IssueList();
  const tables = detectTables(assembleSheets(grids), issues);
  const { params } = readParams(tables.get('params'), undefined, issues);
  return { town: params?.town ?? null, month: params?.month ?? null };
}

/**
 * Runs 校验 or 计算考核. The workbook is written only after the API answered: a network or
 * server failure throws before anything is written; a workbook over the service's limits
 * (`domain/limits.ts`) throws before anything is sent.
 * @param settings - town and month from the settings; empty falls back to the 参数 sheet
 */
export async function runAssessment(
  action: AssessmentAction,
  port: WorkbookPort,
  api: ApiClient,
  settings: { town: string; month: string },
  onProgress: (step: Progress) => void = () => undefined,
): Promise<RunOutcome> {
  mark('run');
  onProgress('read');
  const grids = await port.read();
  // The service's own limits, checked before anything is sent (the same module as the service's).
  try {
    checkGridLimits(grids);
  } catch (error) {
    if (error instanceof LimitExceededError) throw new AssessmentError(error.message);
    throw error;
  }
  const fromSheet = workbookParams(grids);
  const town = settings.town.trim() || fromSheet.town;
  if (!town) throw new AssessmentError('请先在设置中填写乡镇，或在「参数」表中填写「乡镇」。');
  const month = settings.month.trim() || undefined;
  mark('send');
  onProgress('send');
  const request = { town, ...(month ? { month } : {}), grids };
  const answer = action === 'compute' ? await api.compute(request) : await api.validate(request);
  mark('answered');
  onProgress('write');
  const issuesOnly = action === 'validate' || answer.result.status !== 'ok';
  await port.write(answer.result, issuesOnly);
  mark('written');
  return { ...answer, action, written: issuesOnly ? 'issues' : 'results' };
}
