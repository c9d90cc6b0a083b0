/**
 * Whether the open workbook may be written, checked before anything is written (structure
 * protection, read-only opening; a legacy shared workbook is recognised by the refusal Excel gives
 * for a merge or a sheet deletion there), and the errors a write ends in, each with its Chinese
 * message. Kept apart from the writing code so that the pane's messages do not load it.
 */

/** The workbook cannot take the result sheets; nothing was written. */
export class WorkbookLockedError extends Error {
  override readonly name = 'WorkbookLockedError';

  constructor(
    readonly reason: LockReason,
    message: string,
  ) {
    super(message);
  }
}

export type LockReason = 'protected' | 'readOnly' | 'legacyShared';

/** What the user reads for each reason; `written` says what the add-in did before it stopped. */
export const LOCK_MESSAGES: Record<LockReason, string> = {
  protected:
    '本工作簿的结构受保护（审阅 → 保护工作簿），不能添加、删除或重命名工作表，因此无法写入结果。请先撤销工作簿保护，再重新运行。',
  readOnly:
    '本工作簿以只读方式打开（可能另一位同事正在共享文件夹中打开这个文件），无法写入结果。请等对方关闭后重新打开，或另存一份后再运行。',
  legacyShared:
    '本工作簿是旧式“共享工作簿”，Excel 不允许在其中删除工作表、合并单元格、设置条件格式、数据验证或图表，无法写入结果。请先取消共享（审阅 → 共享工作簿（旧版）），或把文件存到 OneDrive/SharePoint 后多人共同编辑，再重新运行。',
};

/** Sentence appended when nothing at all was changed. */
export const UNCHANGED = '工作簿未作任何改动。';

/** Excel's error code of a failed sync (`OfficeExtension.Error.code`), or the message of any other error. */
export function excelCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The refusal a legacy shared workbook gives for a feature it forbids. */
export const isSharedRefusal = (error: unknown): boolean => excelCode(error) === 'AccessDenied';

const supports = (version: string): boolean =>
  typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;

/**
 * Loads, in one sync, what decides whether the workbook may be written, and throws a
 * {@link WorkbookLockedError} when it may not. `Office.context.document.mode` exists on every
 * host; `workbook.readOnly` only from ExcelApi 1.8; `workbook.protection` from ExcelApi 1.7.
 */
export async function assertWritable(context: Excel.RequestContext): Promise<void> {
  const protection = context.workbook.protection.load('protected');
  const workbook = supports('1.8') ? context.workbook.load('readOnly') : null;
  await context.sync();
  const mode = typeof Office !== 'undefined' ? Office.context?.document?.mode : undefined;
  if (mode === Office.DocumentMode?.ReadOnly || workbook?.readOnly === true) {
    throw new WorkbookLockedError('readOnly', `${LOCK_MESSAGES.readOnly}${UNCHANGED}`);
  }
  if (protection.protected) throw new WorkbookLockedError('protected', `${LOCK_MESSAGES.protected}${UNCHANGED}`);
}

/** What a write did to each result sheet, in the order of the source. */
export interface WriteReport {
  /** Now holding this run's result. */
  replaced: string[];
  /** Still holding the previous run's result. */
  kept: string[];
  /** Not in the workbook (it had none before and the new one was not placed). */
  absent: string[];
  /** Temporary sheets Excel refused to delete; the next run removes them. */
  leftovers: string[];
}

/** A write that failed part of the way; the message says exactly what the workbook now holds. */
export class WriteError extends Error {
  override readonly name = 'WriteError';

  constructor(
    readonly report: WriteReport,
    readonly code: string,
  ) {
    super(writeFailureText(report, code));
  }
}

/** The Chinese account of a failed write, from what the workbook holds after it. */
export function writeFailureText(report: WriteReport, code: string): string {
  const parts = [`写入结果工作表时 Excel 报错（${code}）。`];
  if (report.replaced.length > 0) parts.push(`已写入本次结果：${report.replaced.join('、')}。`);
  if (report.kept.length > 0) parts.push(`保持上次的结果：${report.kept.join('、')}。`);
  if (report.absent.length > 0) parts.push(`未写入：${report.absent.join('、')}。`);
  if (report.replaced.length === 0) parts.push('结果工作表均未改动。');
  if (report.leftovers.length > 0) {
    parts.push(`隐藏的临时工作表 ${report.leftovers.join('、')} 未能删除，下次运行时会自动清理。`);
  }
  parts.push(report.replaced.length > 0 ? '各结果表现在不是同一次计算的结果，请重新运行。' : '请稍后重新运行。');
  return parts.join('');
}

