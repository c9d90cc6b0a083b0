/** What the user is told when a run fails, in Chinese, for the pane and the ribbon's notice. */
import { ApiError } from '../api/client.js';
import { WorkbookLockedError, WriteError } from '../workbook/workbookAccess.js';
import { SignInError, type SignInProblem } from '../auth/signInError.js';
import { AssessmentError } from './assessment.js';

/** A step that did not finish in time; `what` names it in Chinese. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(what: string, seconds: number) {
    super(`${what}超过 ${seconds} 秒仍未完成，已停止等待。请稍后重试。`);
  }
}

/** `promise`, or a {@link TimeoutError} after `seconds`. */
export function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, seconds)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface FailureText {
  title: string;
  message: string;
}

const SIGN_IN_TITLES: Partial<Record<SignInProblem, string>> = {
  required: '请先登录',
  expired: '请重新登录',
  must_change_password: '请先修改初始密码',
  locked: '账号已锁定',
};

/** Title and message for a failed 校验, 计算考核, 定稿 or template run. */
export function describeFailure(error: unknown): FailureText {
  // A token that could not be had is a sign-in problem, never a workbook one.
  if (error instanceof SignInError) {
    return { title: SIGN_IN_TITLES[error.problem] ?? '登录失败', message: `${error.message}（工作簿未作任何改动）` };
  }
  if (error instanceof ApiError) {
    if (error.code === 'password_change_required') return { title: '请先修改初始密码', message: error.message };
    if (error.status === 0) return { title: '无法连接考核服务', message: error.message };
    if (error.status === 401) return { title: '请重新登录', message: error.message };
    if (error.status === 403) return { title: '没有权限', message: error.message };
    return { title: '考核服务出错', message: `${error.message}（工作簿未作任何改动）` };
  }
  if (error instanceof AssessmentError) return { title: '请先完善设置', message: error.message };
  if (error instanceof WorkbookLockedError) return { title: '无法写入本工作簿', message: error.message };
  if (error instanceof WriteError) return { title: '写入结果未完成', message: error.message };
  if (error instanceof TimeoutError) return { title: 'Excel 没有响应', message: error.message };
  // Anything else comes from reading the workbook or from a step that had not yet written.
  const message = error instanceof Error ? error.message : String(error);
  return { title: '读写工作簿失败', message: `Excel 报告：${message}。请稍后重试。` };
}
