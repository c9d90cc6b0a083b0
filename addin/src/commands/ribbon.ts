/**
 * The ribbon's 计算考核 and 校验 buttons. Each run reads, asks the API and writes; errors in
 * the input write only 校验问题 and open the pane on the issue list; a network or server
 * failure writes nothing and shows a notice. `event.completed()` is always called.
 */
import type { ApiClient } from '../api/client.js';
import { type AssessmentAction, runAssessment, type RunOutcome, type WorkbookPort } from '../shared/assessment.js';
import { describeFailure } from '../shared/failure.js';

/** What a ribbon command needs; production wires Office, tests wire fakes. */
export interface RibbonDeps {
  port: WorkbookPort;
  api: ApiClient;
  settings: { town: string; month: string };
  /** Shows a short notice (Excel has no toast for add-ins: a small dialog). */
  notify(title: string, message: string): Promise<void>;
  /** Hands the run to the pane and opens it on the issue list. */
  showIssues(outcome: RunOutcome): Promise<void>;
}

/** The Office event of an ExecuteFunction button. */
export interface CommandEvent {
  completed(): void;
}

/** Runs one ribbon command to the end, whatever happens. */
export async function runRibbonCommand(
  action: AssessmentAction,
  event: CommandEvent,
  deps: RibbonDeps,
): Promise<void> {
  try {
    const outcome = await runAssessment(action, deps.port, deps.api, deps.settings);
    // A clean compute opens its result sheets; anything with issues opens the pane on them.
    if (outcome.written === 'issues' && outcome.result.issues.length > 0) await deps.showIssues(outcome);
  } catch (error) {
    const { title, message } = describeFailure(error);
    await deps.notify(title, message).catch(() => undefined);
  } finally {
    event.completed();
  }
}
