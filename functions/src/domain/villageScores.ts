/**
 * R7 village scores and ranks, R8 the split of deductions among 支书/主任/秘书/专干, R9 问责 points,
 * R11 finance violations and R12 民调 rates. All points in integer hundredths.
 */
import type { IssueList } from './issues.js';
import type { Model, Role, RuleItem, ScoreEntry } from './readModel.js';
import { rate } from './rounding.js';
import { VILLAGE_ROLES } from './tables.js';

/** The group column of 问责 and finance deductions in `byGroup`. */
export const OTHER_GROUP = '其他';

export interface VillageTally {
  village: string;
  /** Index 0 = January; length = assessed month number. */
  bonusH: number[];
  deductionH: number[];
  /** The assessed month's points per group (and 其他). */
  byGroup: Map<string, { bonusH: number; deductionH: number }>;
  roleMonthH: Record<Role, number>;
  roleYtdH: Record<Role, number>;
}

/** A deduction of the assessed month as the 通报 lists it. */
export interface DeductionLine {
  /** Excel serial of the entry, 问责 or finance row. */
  date: number;
  village: string;
  group: string;
  pointsH: number;
  what: string;
  reason: string;
}

/**
 * Splits an amount among shares (hundredths of a percent, summing to 10000) by the largest
 * remainder; equal remainders go to the share written first.
 */
export function splitLargestRemainder(amount: number, shares: readonly number[]): number[] {
  const exact = shares.map((s) => amount * s);
  const parts = exact.map((e) => Math.floor(e / 10000));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rem: e % 10000 })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/** Competition ranking (1, 2, 2, 4) by score, descending. */
export function competitionRanks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((x) => x > s).length);
}

/** Entries by date, those of one date in reading order: a counting sort over the days, stable. */
function byDate(entries: readonly ScoreEntry[]): ScoreEntry[] {
  let first = Infinity;
  let last = -Infinity;
  for (const e of entries) {
    if (e.date < first) first = e.date;
    if (e.date > last) last = e.date;
  }
  // Entries of one 年度 span at most 366 days; anything wider is sorted by comparison.
  if (entries.length === 0 || last - first > 366) return [...entries].sort((a, b) => a.date - b.date || a.seq - b.seq);
  const starts = new Int32Array(last - first + 2);
  for (const e of entries) starts[e.date - first + 1]!++;
  for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
  const sorted: ScoreEntry[] = new Array<ScoreEntry>(entries.length);
  for (const e of entries) sorted[starts[e.date - first]!++] = e;
  return sorted;
}

const zeroRoles = (): Record<Role, number> => ({ 支书: 0, 主任: 0, 秘书: 0, 专干: 0 });

/**
 * R7–R9 and the finance penalty of R11: per-village tallies for months 1..m, the month's deduction
 * lines, and the points each score entry counted with (by `seq`, after the 加分上限).
 */
export function tallyVillages(model: Model, issues: IssueList): { tallies: VillageTally[]; lines: DeductionLine[]; counted: Float64Array } {
  const { monthNo, month, financePenaltyH } = model.params;
  const tallies = new Map<string, VillageTally>();
  for (const v of model.villages) {
    const byGroup = new Map(model.groups.map((g) => [g.name, { bonusH: 0, deductionH: 0 }]));
    byGroup.set(OTHER_GROUP, { bonusH: 0, deductionH: 0 });
    tallies.set(v.name, { village: v.name, bonusH: Array(monthNo).fill(0), deductionH: Array(monthNo).fill(0), byGroup, roleMonthH: zeroRoles(), roleYtdH: zeroRoles() });
  }
  const lines: DeductionLine[] = [];
  // `YYYY-MM` of the 年度 (checked on reading): the month number from its two last digits.
  const monthIndex = (m: string) => (m <= month ? (m.charCodeAt(5) - 48) * 10 + m.charCodeAt(6) - 49 : -1);
  const chargeRole = (t: VillageTally, role: Role, amountH: number, inMonth: boolean) => {
    t.roleYtdH[role] += amountH;
    if (inMonth) t.roleMonthH[role] += amountH;
  };
  // Only deductions of the assessed month are listed: true when this one is, for its line.
  const deduct = (t: VillageTally, i: number, group: string, amountH: number): boolean => {
    t.deductionH[i]! += amountH;
    if (i !== monthNo - 1) return false;
    t.byGroup.get(group)!.deductionH += amountH;
    return true;
  };

  // Bonus already counted per village and capped rule.
  const used = new Map<string, Map<string, number>>();
  // By `seq`; 0 for an entry that counted nothing (one of a later month), and none past the last entry counted (a 撤销 one).
  const countedBySeq = new Float64Array(model.scores.reduce((n, e) => Math.max(n, e.seq + 1), 0));
  // A rule's split of one amount, computed once: a year repeats the same few amounts.
  const splits = new Map<RuleItem, Map<number, number[]>>();
  const splitOf = (rule: RuleItem, split: NonNullable<RuleItem['split']>, amount: number) => {
    let byAmount = splits.get(rule);
    if (!byAmount) splits.set(rule, (byAmount = new Map()));
    let parts = byAmount.get(amount);
    if (!parts) byAmount.set(amount, (parts = splitLargestRemainder(amount, split.map((s) => s.share))));
    return parts;
  };
  const addBonus = (e: ScoreEntry, t: VillageTally, i: number, counted: number) => {
    t.bonusH[i]! += counted;
    countedBySeq[e.seq] = counted;
    if (e.month === month) t.byGroup.get(e.group)!.bonusH += counted;
  };
  // Sums do not depend on order, so entries are read as stored (a year's, in date order, would be
  // read all over memory); a capped bonus depends on the bonuses before it and a listed deduction
  // has its place in the 通报, so those two are taken in date order after.
  const capped: ScoreEntry[] = [];
  const listed: ScoreEntry[] = [];
  for (const e of model.scores) {
    const i = monthIndex(e.month);
    if (i < 0) continue;
    const t = tallies.get(e.village)!;
    const rule = model.rules.get(e.code)!;
    if (e.pointsH > 0) {
      if (rule.bonusCapH === null) addBonus(e, t, i, e.pointsH);
      else capped.push(e);
      continue;
    }
    const amount = -e.pointsH;
    const inMonth = e.month === month;
    countedBySeq[e.seq] = e.pointsH;
    if (deduct(t, i, e.group, amount)) listed.push(e);
    if (e.responsibleRole) chargeRole(t, e.responsibleRole, amount, inMonth);
    else if (rule.split) {
      const parts = splitOf(rule, rule.split, amount);
      for (let k = 0; k < rule.split.length; k++) chargeRole(t, rule.split[k]!.role, parts[k]!, inMonth);
    }
  }
  for (const e of byDate(capped)) {
    const rule = model.rules.get(e.code)!;
    let usedByRule = used.get(e.village);
    if (!usedByRule) used.set(e.village, (usedByRule = new Map()));
    const before = usedByRule.get(e.code) ?? 0;
    const counted = Math.max(0, Math.min(e.pointsH, rule.bonusCapH! - before));
    usedByRule.set(e.code, before + counted);
    if (counted < e.pointsH && e.month === month) {
      issues.warning(e.sheet, e.cell, 'bonus_capped', `${e.village}细则「${e.code}」全年加分上限 ${rule.bonusCapH! / 100} 分，此前已加 ${before / 100} 分，本条 +${e.pointsH / 100} 分只计 +${counted / 100} 分。`);
    }
    addBonus(e, tallies.get(e.village)!, monthIndex(e.month), counted);
  }
  for (const e of byDate(listed)) {
    lines.push({ village: e.village, group: e.group, pointsH: -e.pointsH, date: e.date, what: `${e.code} ${model.rules.get(e.code)!.item}`, reason: e.reason });
  }

  for (const a of model.accountability) {
    const i = monthIndex(a.month);
    if (i < 0 || !a.unitIsVillage || a.pointsH === 0) continue;
    const t = tallies.get(a.unit)!;
    if (deduct(t, i, OTHER_GROUP, a.pointsH)) lines.push({ village: t.village, group: OTHER_GROUP, pointsH: a.pointsH, date: a.date, what: `问责：${a.name}${a.kind}`, reason: a.reason });
    if (a.role) chargeRole(t, a.role, a.pointsH, a.month === month);
  }

  if (financePenaltyH > 0) {
    for (const f of model.finance) {
      const i = monthIndex(f.month);
      if (i < 0) continue;
      const t = tallies.get(f.village)!;
      for (const v of f.violations) {
        if (deduct(t, i, OTHER_GROUP, financePenaltyH)) lines.push({ village: t.village, group: OTHER_GROUP, pointsH: financePenaltyH, date: f.date, what: '村级财务违规', reason: v.message });
      }
    }
  }
  return { tallies: [...tallies.values()], lines, counted: countedBySeq };
}

/** R8 roles in report order, with the person's name from 村. */
export function roleRows(model: Model, t: VillageTally) {
  const village = model.villages.find((v) => v.name === t.village)!;
  return VILLAGE_ROLES.map((role) => ({ role, name: village.roles[role], monthH: t.roleMonthH[role], ytdH: t.roleYtdH[role] }));
}

/** R11: violations of the assessed month per village (each a warning) and income not deposited, in fen. */
export function assessFinance(model: Model, issues: IssueList): { village: string; violations: number; undepositedFen: number }[] {
  const out = new Map(model.villages.map((v) => [v.name, { village: v.name, violations: 0, undepositedFen: 0 }]));
  for (const f of model.finance) {
    if (f.month !== model.params.month) continue;
    const o = out.get(f.village)!;
    o.violations += f.violations.length;
    if (f.type === '收入' && f.violations.length > 0) o.undepositedFen += f.amountFen;
    for (const v of f.violations) issues.warning(f.sheet, v.cell, 'finance_violation', `村级财务违规：${v.message}`);
  }
  return [...out.values()];
}

/** R12: 知晓率 and 准确率 from the rows of the assessed month or without a month. */
export function assessSurvey(model: Model): { village: string; awarenessRate: number | null; phoneAccuracyRate: number | null }[] {
  return model.villages.map((v) => {
    const rows = model.survey.filter((s) => s.village === v.name && (s.month === null || s.month === model.params.month));
    const sum = (k: 'households' | 'aware' | 'phones' | 'accuratePhones') => rows.reduce((a, r) => a + r[k], 0);
    return { village: v.name, awarenessRate: rate(sum('aware'), sum('households')), phoneAccuracyRate: rate(sum('accuratePhones'), sum('phones')) };
  });
}
