/** What the user is told when a run fails, in Chinese, for the pane and the ribbon's notice. */
import { ApiError } from '../api/client.js';
import { SignInError, type SignInProblem } from '../auth/signInError.js';
import { AssessmentError } from './assessment.js';

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
  const message = error instanceof Error ? error.message : String(error);
  return { title: '读写工作簿失败', message: `Excel 报告：${message}。原有的结果工作表保持不变，请稍后重试。` };
}
