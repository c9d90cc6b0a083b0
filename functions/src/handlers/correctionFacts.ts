/**
 * The facts of a month's corrections (更正) as the engine and the answers take them: for a
 * compute (the draft's 更正说明), for the approval (the differences and the 通报 naming the
 * approver), for reading a month under correction (the differences before approval), and each
 * finalised version as the month and the history list it.
 */
import { diffVersions, withCorrectionNote, type CorrectionDiff, type CorrectionFacts, type CorrectionInput } from '../domain/index.js';
import type { Actor, MonthState, MonthVersion } from '../store/AssessmentStore.js';
import type { ServiceContext } from './serviceContext.js';

function facts(state: MonthState, approval: { actor: Actor; at: string } | null): CorrectionFacts {
  const c = state.correction!;
  return {
    version: c.version,
    reason: c.reason,
    openedBy: { id: c.openedBy, role: c.openedByRole },
    openedAt: c.openedAt,
    approvedBy: approval ? { id: approval.actor.oid, role: approval.actor.role } : null,
    approvedAt: approval?.at ?? null,
  };
}

/** The correction input of a compute of `state`'s month, or undefined when no correction is open. */
export async function correctionInput(ctx: ServiceContext, state: MonthState | null): Promise<CorrectionInput | undefined> {
  if (state?.state !== 'correcting' || !state.finalized) return undefined;
  const previous = await ctx.assessments.loadRun(state.town, state.finalized);
  return { ...facts(state, null), previous };
}

/** The differences from the month's current version to its latest run (a correction's draft). */
export async function correctionDiff(ctx: ServiceContext, state: MonthState): Promise<CorrectionDiff> {
  const [before, after] = await Promise.all([ctx.assessments.loadRun(state.town, state.finalized!), ctx.assessments.loadRun(state.town, state.latestRun)]);
  return diffVersions(before, after);
}

/** For the approval by `actor`: the differences, and the latest run's 通报 with 更正说明 naming the approver. */
export function describeApproval(ctx: ServiceContext, actor: Actor) {
  return async (state: MonthState, at: string): Promise<{ diff: CorrectionDiff; bulletin: string[] }> => {
    const [diff, latest] = await Promise.all([correctionDiff(ctx, state), ctx.assessments.loadResult(state.town, state.latestRun)]);
    return { diff, bulletin: withCorrectionNote(latest.bulletin, facts(state, { actor, at }), diff) };
  };
}

/** A version as the month and the history list it: who finalised or approved it, and for a correction who opened it, why and what changed. */
export function versionView(v: MonthVersion) {
  return {
    version: v.version,
    runId: v.finalized.runId,
    finalizedBy: v.finalized.finalizedBy,
    finalizedByRole: v.finalized.finalizedByRole,
    finalizedAt: v.finalized.finalizedAt,
    correction: v.correction
      ? {
          reason: v.correction.reason,
          openedBy: v.correction.openedBy,
          openedByRole: v.correction.openedByRole,
          openedAt: v.correction.openedAt,
          approvedBy: v.finalized.finalizedBy,
          approvedByRole: v.finalized.finalizedByRole,
          diff: v.correction.diff,
        }
      : null,
  };
}
