/**
 * The issue list of an answer, cut to a bounded length (SPEC §6 "Limits"): at most
 * {@link MAX_ANSWER_ISSUES} issues, errors first, then by sheet and cell, with the totals of the
 * whole list so nothing is hidden, only left out.
 */
import { parseAddress } from './sheets.js';
import type { Issue, IssueTotals } from './types.js';

/** Most issues any answer of the service lists. */
export const MAX_ANSWER_ISSUES = 1_000;

/** Longest message kept whole: messages quote cell text, which may run to 32,767 characters. */
export const MAX_ISSUE_MESSAGE_CHARS = 500;

/** The fields an answer (or a stored result) carries for its issue list. */
export interface IssueListing {
  issues: Issue[];
  /** True when `issues` leaves some out; `issueTotals` counts them all. */
  issuesTruncated: boolean;
  issueTotals: IssueTotals;
}

/** Counts of a whole issue list: by severity and by code. */
export function countIssues(issues: readonly Issue[]): IssueTotals {
  const byCode: Record<string, number> = {};
  let errors = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') errors += 1;
    byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  }
  return { errors, warnings: issues.length - errors, byCode };
}

/**
 * The first `max` issues with the totals of all of them. A list that fits is kept in the engine's
 * order; a longer one is ordered errors first, then by sheet (in the order the sheets first
 * appear in the list, which follows the workbook) and cell (row, then column) before it is cut.
 * Overlong messages are shortened in both cases.
 */
export function capIssues(issues: readonly Issue[], max = MAX_ANSWER_ISSUES): IssueListing {
  const issueTotals = countIssues(issues);
  if (issues.length <= max) return { issues: issues.map(shortened), issuesTruncated: false, issueTotals };
  const sheetOrder = new Map<string, number>();
  for (const issue of issues) if (!sheetOrder.has(issue.sheet)) sheetOrder.set(issue.sheet, sheetOrder.size);
  const keyed = issues.map((issue) => ({ issue, sheet: sheetOrder.get(issue.sheet)!, ...cellPosition(issue.cell) }));
  keyed.sort(
    (a, b) =>
      severityRank(a.issue) - severityRank(b.issue) || a.sheet - b.sheet || a.row - b.row || a.column - b.column,
  );
  return { issues: keyed.slice(0, max).map(({ issue }) => shortened(issue)), issuesTruncated: true, issueTotals };
}

/** Per code, how many issues of `listing` its list leaves out (codes with none left out are absent). */
export function omittedByCode(listing: { issues: readonly Issue[]; issueTotals: IssueTotals }): Record<string, number> {
  const shown = countIssues(listing.issues).byCode;
  const omitted: Record<string, number> = {};
  for (const [code, total] of Object.entries(listing.issueTotals.byCode)) {
    const missing = total - (shown[code] ?? 0);
    if (missing > 0) omitted[code] = missing;
  }
  return omitted;
}

/**
 * The Chinese line under a cut issue list: how many more issues there are and of which codes,
 * e.g. `另有 44,000 个问题未列出（错误 44,000 个）：unknown_person 44,000 个。…`; null when nothing is left out.
 */
export function omittedIssuesNote(listing: { issues: readonly Issue[]; issuesTruncated?: boolean; issueTotals?: IssueTotals }): string | null {
  if (!listing.issuesTruncated || !listing.issueTotals) return null;
  const shown = countIssues(listing.issues);
  const errors = listing.issueTotals.errors - shown.errors;
  const warnings = listing.issueTotals.warnings - shown.warnings;
  const count = (n: number) => n.toLocaleString('en-US');
  const kinds = Object.entries(omittedByCode({ issues: listing.issues, issueTotals: listing.issueTotals }))
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${count(n)} 个`)
    .join('、');
  const bySeverity = [errors ? `错误 ${count(errors)} 个` : '', warnings ? `警告 ${count(warnings)} 个` : ''].filter(Boolean).join('、');
  return `另有 ${count(errors + warnings)} 个问题未列出（${bySeverity}）：${kinds}。每次最多列出 ${count(MAX_ANSWER_ISSUES)} 个问题（错误在前），请先改正以上问题后重新校验。`;
}

const severityRank = (issue: Issue): number => (issue.severity === 'error' ? 0 : 1);

/** Row and column of an A1 address; a sheet-level issue (no address) sorts first. */
function cellPosition(cell: string): { row: number; column: number } {
  const address = parseAddress(cell);
  return address ? { row: address.row, column: address.col } : { row: -1, column: -1 };
}

function shortened(issue: Issue): Issue {
  if (issue.message.length <= MAX_ISSUE_MESSAGE_CHARS) return issue;
  return { ...issue, message: `${issue.message.slice(0, MAX_ISSUE_MESSAGE_CHARS - 1)}…` };
}
