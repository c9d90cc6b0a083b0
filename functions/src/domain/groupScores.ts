/**
 * R3 plans, R4 the group's monthly score, R5 work funds paid by that score and R6 the district
 * rewards and the veto on honours.
 */
import type { IssueList } from './issues.js';
import type { Group, Model, Person } from './readModel.js';
import { roundHalfUp } from './rounding.js';

/** Plan items of the month and how many were completed (已完成 + 延期完成) and on time (已完成). */
export interface PlanTally {
  items: number;
  done: number;
  onTime: number;
}

const emptyTally = (): PlanTally => ({ items: 0, done: 0, onTime: 0 });

function addPlan(t: PlanTally, state: string): void {
  t.items++;
  if (state === '已完成' || state === '延期完成') t.done++;
  if (state === '已完成') t.onTime++;
}

/** R3: plan tallies per person (by Person.index) for a month. */
export function tallyPlans(model: Model, month: string): PlanTally[] {
  const tallies = model.persons.map(emptyTally);
  for (const p of model.plans) if (p.month === month) addPlan(tallies[p.person.index]!, p.state);
  return tallies;
}

/** R3: the pooled tally of every 人员 of a group, its 组长 included. */
export function groupTally(persons: readonly Person[], tallies: readonly PlanTally[], group: string): PlanTally {
  const t = emptyTally();
  for (const p of persons) {
    if (p.group !== group) continue;
    const s = tallies[p.index]!;
    t.items += s.items;
    t.done += s.done;
    t.onTime += s.onTime;
  }
  return t;
}

/** R3: a `plan_missing` warning for every group member without a plan item in the month. */
export function warnMissingPlans(model: Model, tallies: readonly PlanTally[], issues: IssueList): void {
  if (!model.hasPlans) return;
  for (const p of model.persons) {
    if (p.group !== null && tallies[p.index]!.items === 0) {
      issues.warning(p.sheet, p.cell, 'plan_missing', `${p.name}（${p.group}）没有 ${model.params.month} 的月度计划，请在「月度计划」中补填。`);
    }
  }
}

/**
 * R4: 月度得分 = (1 − w) × 督查得分 + w × 100 × 计划完成率, in hundredths; null without a 督查 row.
 * A month without plan items counts as a completion rate of 0 when w > 0; a workbook without a
 * 月度计划 sheet scores by 督查得分 alone (an absent sheet contributes nothing).
 * Returns a scorer for any group and month that counts each month's plans once (R5 asks for every month).
 */
export function monthScorer(model: Model): (group: string, month: string) => number | null {
  const inspections = new Map(model.inspections.map((i) => [`${i.group}|${i.month}`, i.scoreH]));
  const w = model.hasPlans ? model.params.planWeight : 0;
  const tallies = new Map<string, PlanTally[]>();
  return (group, month) => {
    const scoreH = inspections.get(`${group}|${month}`);
    if (scoreH === undefined) return null;
    if (w === 0) return scoreH;
    let monthTallies = tallies.get(month);
    if (!monthTallies) tallies.set(month, (monthTallies = tallyPlans(model, month)));
    const t = groupTally(model.persons, monthTallies, group);
    if (t.items === 0) return roundHalfUp((10000 - w) * scoreH, 10000);
    return roundHalfUp((10000 - w) * scoreH * t.items + w * 10000 * t.done, 10000 * t.items);
  };
}

/** R5: the month's share of the annual budget in fen; the remainder fen go to the first months. */
export function monthlyBase(budgetFen: number, monthNo: number): number {
  return Math.floor(budgetFen / 12) + (monthNo <= budgetFen % 12 ? 1 : 0);
}

/** R5: 应发 = base × clamp(score, 0, 100) / 100, rounded half-up to the fen. */
export function fundPaid(baseFen: number, scoreH: number): number {
  return roundHalfUp(baseFen * Math.min(10000, Math.max(0, scoreH)), 10000);
}

export interface Funds {
  baseFen: number;
  paidFen: number;
  withheldFen: number;
  ytdPaidFen: number;
}

/** R5 for the assessed month and the year to date (months 1..m that have a 督查 row). */
export function groupFunds(model: Model, group: Group, score: ReturnType<typeof monthScorer>): Funds {
  const { year, monthNo } = model.params;
  const baseFen = monthlyBase(group.budgetFen, monthNo);
  const monthScoreH = score(group.name, model.params.month);
  const paidFen = monthScoreH === null ? 0 : fundPaid(baseFen, monthScoreH);
  let ytdPaidFen = 0;
  for (let i = 1; i <= monthNo; i++) {
    const scoreH = score(group.name, `${year}-${String(i).padStart(2, '0')}`);
    if (scoreH !== null) ytdPaidFen += fundPaid(monthlyBase(group.budgetFen, i), scoreH);
  }
  return { baseFen, paidFen, withheldFen: baseFen - paidFen, ytdPaidFen };
}

export interface Rewards {
  rankAdvance: number | null;
  classImproved: boolean;
  rewardFen: number;
  lastInDistrict: boolean;
}

/** R6: rank advance and class rewards (the larger, or both when stacking), and last place in the district. */
export function groupRewards(model: Model, g: Group): Rewards {
  const { rankSteps, rankRewardFen, classRewardFen, stackRewards } = model.params;
  const ranked = g.lastRank !== null && g.rank !== null;
  const rankAdvance = ranked ? g.lastRank! - g.rank! : null;
  const classImproved = g.lastClass !== null && g.klass !== null && g.klass < g.lastClass;
  const rankReward = rankAdvance !== null && rankAdvance >= rankSteps ? rankRewardFen : 0;
  const classReward = classImproved ? classRewardFen : 0;
  const rewardFen = stackRewards ? rankReward + classReward : Math.max(rankReward, classReward);
  const lastInDistrict = ranked && g.units !== null && g.rank === g.units;
  return { rankAdvance, classImproved, rewardFen, lastInDistrict };
}
