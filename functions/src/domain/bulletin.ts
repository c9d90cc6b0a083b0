/**
 * R10: the lines of the month's 通报, ready to print: first and last villages, every deduction
 * with its reason, group scores and funds, 缺签/旷工 by name, 组长扣款, 问责, finance, 民调 and 申诉 (R13).
 */
import type { AssessmentResult } from './types.js';
import type { DeductionLine } from './villageScores.js';

const pts = (n: number) => n.toFixed(2);
// One formatter: toLocaleString builds a new one on every call.
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const yuan = (n: number) => `${YUAN.format(n)} 元`;
const pct = (r: number) => `${(r * 100).toFixed(2)}%`;
/** Section numbers of the 通报. */
export const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Builds the 通报 lines from the computed result, the month's deduction lines and the 申诉处理 lines (R13). */
export function buildBulletin(r: Omit<AssessmentResult, 'bulletin' | 'statements'>, deductions: readonly DeductionLine[], appeals: readonly string[]): string[] {
  const [year, month] = (r.month ?? '').split('-');
  const lines: string[] = [`${r.town ?? ''}${year}年${Number(month)}月目标管理考核通报`];
  let section = 0;
  const heading = (title: string) => lines.push(`${CHINESE_NUMBERS[section++]}、${title}`);

  heading('对村考核');
  if (r.villages.length > 0) {
    const best = r.villages.filter((v) => v.monthRank === 1);
    const worstRank = r.villages.reduce((a, v) => Math.max(a, v.monthRank), 0);
    const worst = r.villages.filter((v) => v.monthRank === worstRank);
    lines.push(`本月第一名：${best.map((v) => `${v.village}（${pts(v.monthScore)} 分）`).join('、')}；最后一名：${worst.map((v) => `${v.village}（${pts(v.monthScore)} 分）`).join('、')}。`);
    for (const v of [...r.villages].sort((a, b) => a.monthRank - b.monthRank)) lines.push(`${v.monthRank}. ${v.village}：本月 ${pts(v.monthScore)} 分（加 ${pts(v.monthBonus)}，扣 ${pts(v.monthDeduction)}），全年累计 ${pts(v.ytdScore)} 分，累计排名第 ${v.ytdRank}。`);
  }

  heading('扣分情况');
  if (deductions.length === 0) lines.push('本月无扣分。');
  for (const d of deductions) lines.push(`${d.village} 扣 ${pts(d.pointsH / 100)} 分（${d.group}，${d.what}）：${d.reason}`);

  heading('各组考核与经费');
  for (const g of r.groups) {
    const extra = [g.reward > 0 ? `区级考核奖励 ${yuan(g.reward)}` : '', g.lastInDistrict ? '区级考核全区末位，取消本组人员评先评优资格' : ''].filter(Boolean);
    lines.push(`${g.group}（组长 ${g.leader}）：月度得分 ${g.monthScore === null ? '—' : pts(g.monthScore)}，应发经费 ${yuan(g.fundPaid)}，暂扣 ${yuan(g.fundWithheld)}${g.planCompletion === null ? '' : `，计划完成率 ${pct(g.planCompletion)}`}${extra.length ? `；${extra.join('；')}` : ''}。`);
  }

  heading('工作纪律');
  const lapses = r.staff.filter((s) => s.missedSignIns > 0 || s.absentDays > 0 || s.late > 0 || s.earlyLeave > 0);
  if (lapses.length === 0) lines.push('本月无缺签、迟到、早退、旷工。');
  for (const s of lapses) {
    const parts = [s.missedSignIns && `缺签 ${s.missedSignIns} 次`, s.late && `迟到 ${s.late} 次`, s.earlyLeave && `早退 ${s.earlyLeave} 次`, s.absentDays && `旷工 ${s.absentDays} 天`].filter(Boolean);
    lines.push(`${s.name}（${s.group ?? '—'}）：${parts.join('，')}。`);
  }
  for (const g of r.groups) if (g.leaderPenalty > 0) lines.push(`${g.group}组员缺签 ${g.missedSignIns} 次、旷工 ${g.absentDays} 天，扣组长 ${g.leader} ${yuan(g.leaderPenalty)}。`);
  const invalid = r.leaves.filter((l) => !l.valid);
  for (const l of invalid) lines.push(`${l.name}请假 ${l.days} 天未按规定审批：${l.reason}。`);

  heading('问责情况');
  if (r.accountability.length === 0) lines.push('本月无问责。');
  for (const a of r.accountability) lines.push(`${a.date} ${a.unit} ${a.name}：${a.kind}${a.action ? `，${a.action}` : ''}${a.deduction > 0 ? `，扣 ${pts(a.deduction)} 分` : ''}。`);

  heading('村级财务');
  const finance = r.finance.filter((f) => f.violations > 0);
  if (finance.length === 0) lines.push('本月各村财务无违规。');
  for (const f of finance) lines.push(`${f.village}：违规 ${f.violations} 处${f.undepositedIncome > 0 ? `，未上交收入 ${yuan(f.undepositedIncome)}` : ''}。`);

  heading('民调工作');
  const below = r.survey.filter((s) => (s.awarenessRate !== null && s.awarenessRate < 1) || (s.phoneAccuracyRate !== null && s.phoneAccuracyRate < 1));
  if (below.length === 0) lines.push('各村民调知晓率、电话准确率均达到 100%（或本月无民调数据）。');
  for (const s of below) lines.push(`${s.village}：知晓率 ${s.awarenessRate === null ? '—' : pct(s.awarenessRate)}，电话准确率 ${s.phoneAccuracyRate === null ? '—' : pct(s.phoneAccuracyRate)}，未达到 100% 的目标。`);

  heading('申诉处理');
  if (appeals.length === 0) lines.push('本月无申诉。');
  lines.push(...appeals);
  return lines;
}
