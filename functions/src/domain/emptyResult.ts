/** The result JSON with every list empty, as an invalid run answers it (SPEC §5). */
import type { AssessmentResult, Issue } from './types.js';

/** A result with the given head and issues and every other list empty. */
export function emptyResult(
  head: Pick<AssessmentResult, 'status' | 'town' | 'year' | 'month'>,
  issues: Issue[] = [],
): AssessmentResult {
  return { ...head, issues, villages: [], groups: [], staff: [], leaves: [], finance: [], survey: [], accountability: [], appeals: [], bulletin: [], statements: [] };
}
