/**
 * The ribbon's 计算考核 and 校验 buttons. Each run reads, asks the API and writes; errors in
 * the input write only 校验问题 and open the pane on the issue list; a network or server
 * failure writes nothing and shows a notice. Every await is bounded, and `event.completed()` is
 * called in a `finally`, so a click never stays pending until Office's 5-minute limit (and later
 * clicks never queue behind it).
 */
import type { ApiClient } from '../api/client.js';
import { type AssessmentAction, runAssessment, type RunOutcome, type WorkbookPort } from '../common/assessment.js';
import { describeFailure, withTimeout } from '../common/failure.js';

/** What a ribbon command needs; production wires Office, tests wire fakes. */
export interface RibbonDeps {
  port: WorkbookPort;
  api: ApiClient;
  settings: { town: string; month: string };
  /** Shows a short notice (Excel has no toast for add-ins: a small dialog). */
  notify(title: string, message: string): Promise<void>;
  /** Hands the run to the pane; with `open`, opens the pane on it (or says how to). */
  handOver(outcome: RunOutcome, open: boolean): Promise<void>;
}

/** The Office event of an ExecuteFunction button. */
export interface CommandEvent {
  completed(): void;
}

/** Seconds each step of a command may take; together well inside Office's 5 minutes. */
export const RIBBON_LIMITS = {
  /** The add-in's configuration and services (config.json, sign-in set-up). */
  setup: 20,
  /** Reading, computing and writing. */
  run: 200,
  /** Handing over to the pane and opening it. */
  handOver: 15,
  /** A notice stays open at most this long before the command ends anyway. */
  notice: 60,
};

/**
 * Runs one ribbon command to the end, whatever happens.
 * @param deps - the command's dependencies, or a promise of them (the page may still be loading its configuration)
 * @param fallbackNotify - how to tell the user when `deps` never arrive
 */
export async function runRibbonCommand(
  action: AssessmentAction,
  event: CommandEvent,
  deps: RibbonDeps | Promise<RibbonDeps>,
  fallbackNotify: (title: string, message: string) => Promise<void> = async () => undefined,
  limits: typeof RIBBON_LIMITS = RIBBON_LIMITS,
): Promise<void> {
  let notify = fallbackNotify;
  try {
    const ready = await withTimeout(Promise.resolve(deps), limits.setup, '加载项启动');
    notify = ready.notify;
    const outcome = await withTimeout(runAssessment(action, ready.port, ready.api, ready.settings), limits.run, action === 'compute' ? '计算考核' : '校验');
    // A clean compute opens its result sheets; anything with issues opens the pane on them.
    const open = outcome.written === 'issues' && outcome.result.issues.length > 0;
    await withTimeout(ready.handOver(outcome, open), limits.handOver, '打开面板');
  } catch (error) {
    const { title, message } = describeFailure(error);
    await withTimeout(notify(title, message), limits.notice, '提示').catch(() => undefined);
  } finally {
    event.completed();
  }
}
