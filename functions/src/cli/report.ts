/** What `npm run assess` prints: the issue table and a one-screen Chinese summary. */
import type { AssessmentResult, Issue, VillageResult } from '../domain/types.js';
import { formatTable } from './textTable.js';

const SEVERITY_TEXT: Record<Issue['severity'], string> = { error: '错误', warning: '警告' };

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Points with two decimals; `—` for none. */
const points = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
/** Yuan as `¥1,234.50`. */
const money = (value: number): string => `¥${yuan.format(value)}`;

/** The issues as an aligned table (工作表, 单元格, 级别, 说明); nothing when there are none. */
export function formatIssues(issues: readonly Issue[]): string[] {
  if (issues.length === 0) return [];
  return formatTable(
    ['工作表', '单元格', '级别', '说明'],
    issues.map((i) => [i.sheet, i.cell, SEVERITY_TEXT[i.severity], i.message]),
  );
}

/** `花桥村 112.50 分`, tied villages joined by 、. */
function villagesAt(villages: readonly VillageResult[], rank: number): string {
  const tied = villages.filter((v) => v.monthRank === rank);
  return `${tied.map((v) => v.village).join('、')} ${points(tied[0]?.monthScore ?? null)} 分`;
}

/** `2015-04` → `2015年4月`. */
// An invalid result names no month (SPEC §5): the title is then just the product's.
function monthTitle(month: string | null): string {
  if (!month) return '';
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/** Where the run wrote its files. */
export interface OutputPaths {
  workbook: string;
  json?: string;
}

/** The summary after the issue table: what was assessed, the counts, first and last villages, the groups. */
export function formatSummary(result: AssessmentResult, paths: OutputPaths): string[] {
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.length - errors;
  const lines = [`${result.town ?? ''}${monthTitle(result.month)}目标管理考核`, `校验：错误 ${errors} 条，警告 ${warnings} 条`];
  if (result.status === 'invalid') {
    lines.push('存在错误，未计算考核结果；请按「校验问题」修改后重新运行。');
  } else {
    const { villages, groups } = result;
    if (villages.length > 0) {
      const lastRank = Math.max(...villages.map((v) => v.monthRank));
      lines.push(`村：第一名 ${villagesAt(villages, 1)}；末位 ${villagesAt(villages, lastRank)}`);
    }
    lines.push(
      '',
      ...formatTable(
        ['组名', '组长', '月度得分', '组长扣款', '应发经费'],
        groups.map((g) => [g.group, g.leader, points(g.monthScore), money(g.leaderPenalty), money(g.fundPaid)]),
        ['left', 'left', 'right', 'right', 'right'],
      ),
      '',
    );
  }
  lines.push(`结果工作簿：${paths.workbook}`);
  if (paths.json !== undefined) lines.push(`结果 JSON：${paths.json}`);
  return lines;
}

/** Everything a run prints: the issue table, a blank line after it, then the summary. */
export function formatReport(result: AssessmentResult, paths: OutputPaths): string[] {
  const issues = formatIssues(result.issues);
  return [...issues, ...(issues.length > 0 ? [''] : []), ...formatSummary(result, paths)];
}
