/** What the pane shows of a result: first and last villages, counts, money and month labels. */
import type { AssessmentResult, Issue, VillageResult } from '../../../functions/src/domain/types.js';

/** Villages ranked first and last this month (ties share a rank, so several may be listed). */
export function rankExtremes(villages: readonly VillageResult[]): { first: VillageResult[]; last: VillageResult[] } {
  if (villages.length === 0) return { first: [], last: [] };
  const worst = Math.max(...villages.map((v) => v.monthRank));
  return {
    first: villages.filter((v) => v.monthRank === 1),
    last: worst === 1 ? [] : villages.filter((v) => v.monthRank === worst),
  };
}

/** Villages in rank order (ties in 村 sheet order), for the chart. */
export const byRank = (villages: readonly VillageResult[]): VillageResult[] =>
  villages.map((v, i) => ({ v, i })).sort((a, b) => a.v.monthRank - b.v.monthRank || a.i - b.i).map(({ v }) => v);

export function issueCounts(issues: readonly Issue[]): { errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { errors, warnings: issues.length - errors };
}

export type IssueFilter = 'all' | 'error' | 'warning';

export const filterIssues = (issues: readonly Issue[], filter: IssueFilter): Issue[] =>
  filter === 'all' ? [...issues] : issues.filter((i) => i.severity === filter);

/** Yuan with two decimals and thousands separators: `12,345.60`. */
export const money = (value: number): string =>
  value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Points with two decimals. */
export const points = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

/** `2015-04` → `2015年4月`. */
export function monthText(month: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return match ? `${match[1]}年${Number(match[2])}月` : '';
}

/** An ISO time as `2015-05-02 10:20` in the reader's time zone. */
export function timeText(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The one-line verdict of a run, as the pane and the notice say it. */
export function verdict(result: AssessmentResult, action: 'validate' | 'compute'): string {
  // A cut list (over 1,000 issues) comes with the totals of the whole list.
  const { errors, warnings } = result.issueTotals ?? issueCounts(result.issues);
  if (errors > 0) return `发现 ${errors} 个错误${warnings ? `、${warnings} 个警告` : ''}，${action === 'compute' ? '未生成考核结果，' : ''}请按问题列表逐条改正。`;
  if (action === 'validate') return warnings ? `校验通过，有 ${warnings} 个警告请核实。` : '校验通过，未发现问题。';
  const { first, last } = rankExtremes(result.villages);
  const names = (vs: VillageResult[]) => vs.map((v) => v.village).join('、');
  return `${monthText(result.month)}考核完成：第一名 ${names(first)}${last.length ? `，最后一名 ${names(last)}` : ''}${warnings ? `；${warnings} 个警告请核实` : ''}。`;
}
