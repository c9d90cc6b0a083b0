/**
 * `compute(grids, options)`: the one entry of the engine. Detects the tables, normalises and
 * validates every cell, applies rules R1–R13 and returns the result JSON of SPEC §5, plus the
 * per-village statements the result writers print as 村考核明细.
 */
import { appealBulletinLines, appealResults, countedEntries } from './appeals.js';
import { buildBulletin } from './bulletin.js';
import { diffVersions, withCorrectionNote } from './correction.js';
import { detectTables } from './detectTables.js';
import { assessDiscipline, groupLapses, judgeLeaves } from './discipline.js';
import { groupFunds, groupRewards, groupTally, monthScorer, tallyPlans, warnMissingPlans } from './groupScores.js';
import { emptyResult } from './emptyResult.js';
import { IssueList } from './issues.js';
import { diffMonthRows, monthRowsOf } from './monthRows.js';
import { serialToIso } from './normalize.js';
import { readModel, type Model } from './readModel.js';
import { readParams } from './readParams.js';
import { fromHundredths, rate } from './rounding.js';
import { address, assembleSheets } from './sheets.js';
import { buildStatements } from './statements.js';
import type { AssessmentResult, ComputeOptions, GroupResult, Grid, Issue } from './types.js';
import { assessFinance, assessSurvey, competitionRanks, roleRows, tallyVillages } from './villageScores.js';

const h = fromHundredths;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

// SPEC §5: with status invalid, only `issues` is filled.
const invalid = (issues: Issue[]): AssessmentResult => emptyResult({ status: 'invalid', town: null, year: null, month: null }, issues);

/** A 组督查 row is required for every group in the assessed month. */
function checkInspections(model: Model, tables: ReturnType<typeof detectTables>, issues: IssueList): void {
  const t = tables.get('inspections')?.[0];
  if (!t) return;
  const lastRow = t.rows.reduce((a, b) => Math.max(a, b), t.headerRow);
  const cell = address(lastRow + 1, t.cols.get('group')!);
  for (const g of model.groups) {
    if (!model.inspections.some((i) => i.group === g.name && i.month === model.params.month)) {
      issues.error(t.sheet.name, cell, 'inspection_missing', `缺少「${g.name}」${model.params.month} 的督查得分，请在「${t.sheet.name}」中补填一行。`);
    }
  }
}

function computeGroups(model: Model, issues: IssueList) {
  const verdicts = judgeLeaves(model, issues);
  const discipline = assessDiscipline(model, verdicts, issues);
  const tallies = tallyPlans(model, model.params.month);
  warnMissingPlans(model, tallies, issues);
  const rewards = new Map(model.groups.map((g) => [g.name, groupRewards(model, g)]));
  const score = monthScorer(model);
  const groups: GroupResult[] = model.groups.map((g) => {
    const plan = groupTally(model.persons, tallies, g.name);
    const scoreH = score(g.name, model.params.month);
    const funds = groupFunds(model, g, score);
    const lapses = groupLapses(model, g.name, discipline);
    const reward = rewards.get(g.name)!;
    const inspection = model.inspections.find((i) => i.group === g.name && i.month === model.params.month);
    return {
      group: g.name,
      leader: g.leader,
      inspectionScore: inspection ? h(inspection.scoreH) : null,
      planItems: plan.items,
      planCompletion: rate(plan.done, plan.items),
      onTimeCompletion: rate(plan.onTime, plan.items),
      monthScore: scoreH === null ? null : h(scoreH),
      missedSignIns: lapses.missed,
      absentDays: h(lapses.absentH),
      leaderPenalty: h(lapses.penaltyFen),
      fundBase: h(funds.baseFen),
      fundPaid: h(funds.paidFen),
      fundWithheld: h(funds.withheldFen),
      ytdFundPaid: h(funds.ytdPaidFen),
      rankAdvance: reward.rankAdvance,
      classImproved: reward.classImproved,
      reward: h(reward.rewardFen),
      lastInDistrict: reward.lastInDistrict,
      awardEligible: !reward.lastInDistrict,
    };
  });
  const staff = model.persons.map((p) => {
    const d = discipline[p.index]!;
    const t = tallies[p.index]!;
    return {
      name: p.name,
      group: p.group,
      missedSignIns: d.missed,
      absentDays: h(d.absentH),
      late: d.late,
      earlyLeave: d.early,
      planItems: t.items,
      planCompletion: rate(t.done, t.items),
      awardEligible: !(p.group !== null && rewards.get(p.group)?.lastInDistrict),
    };
  });
  const leaves = verdicts.map((v) => ({ cell: v.leave.cell, name: v.leave.person.name, days: h(v.leave.daysH), valid: v.valid, reason: v.reason }));
  return { groups, staff, leaves };
}

function computeVillages(model: Model, issues: IssueList) {
  // R13: the rules see the entries as the 申诉 left them; the statement lists them all.
  const { tallies, lines, counted } = tallyVillages({ ...model, scores: countedEntries(model.scores, model.appeals) }, issues);
  const base = model.params.villageBaseH;
  const m = model.params.monthNo - 1;
  const rows = tallies.map((t) => {
    const ytdBonus = sum(t.bonusH);
    const ytdDeduction = sum(t.deductionH);
    return { t, monthScore: base + t.bonusH[m]! - t.deductionH[m]!, ytdScore: base + ytdBonus - ytdDeduction, ytdBonus, ytdDeduction };
  });
  const monthRanks = competitionRanks(rows.map((r) => r.monthScore));
  const ytdRanks = competitionRanks(rows.map((r) => r.ytdScore));
  const villages = rows.map(({ t, monthScore, ytdScore, ytdBonus, ytdDeduction }, i) => ({
    village: t.village,
    monthBonus: h(t.bonusH[m]!),
    monthDeduction: h(t.deductionH[m]!),
    monthScore: h(monthScore),
    monthRank: monthRanks[i]!,
    ytdBonus: h(ytdBonus),
    ytdDeduction: h(ytdDeduction),
    ytdScore: h(ytdScore),
    ytdRank: ytdRanks[i]!,
    byGroup: Object.fromEntries([...t.byGroup].map(([g, v]) => [g, { bonus: h(v.bonusH), deduction: h(v.deductionH) }])),
    roles: roleRows(model, t).map((r) => ({ role: r.role, name: r.name, monthDeduction: h(r.monthH), ytdDeduction: h(r.ytdH) })),
  }));
  return { villages, lines, statements: buildStatements(model, tallies, counted, lines) };
}

/**
 * Computes the assessment of one month from the workbook's grids.
 * Never throws on bad input: every problem becomes an issue, and any error makes the result `invalid`.
 * @param grids - the used ranges of the workbook's sheets, values only
 * @param options - `month` overrides 参数 考核月份; `finalizedRows` locks finalised months;
 *   `correction` adds the section 更正说明 to the 通报
 */
export function compute(grids: readonly Grid[], options: ComputeOptions = {}): AssessmentResult {
  const issues = new IssueList();
  const tables = detectTables(assembleSheets(grids), issues);
  const { params, year } = readParams(tables.get('params'), options.month, issues);
  const model = params ? readModel(tables, params, { year: params.year, issues }) : null;
  if (params && model) {
    checkInspections(model, tables, issues);
    if (options.finalizedRows?.length) diffMonthRows(options.finalizedRows, tables, params.year, issues);
  } else {
    // Without usable 参数 the rest is still read so that every mistake is reported in one run.
    readModel(tables, FALLBACK_PARAMS, { year, issues });
  }
  if (!params || !model || issues.hasErrors) return invalid(issues.items);
  const head = { town: params.town, year: params.year, month: params.month };

  const g = computeGroups(model, issues);
  const v = computeVillages(model, issues);
  const finance = assessFinance(model, issues).map((f) => ({ village: f.village, violations: f.violations, undepositedIncome: h(f.undepositedFen) }));
  const survey = assessSurvey(model);
  const accountability = model.accountability
    .filter((a) => a.month === params.month)
    .map((a) => ({ date: serialToIso(a.date), name: a.name, unit: a.unit, kind: a.kind, action: a.action, deduction: h(a.pointsH) }));
  const appeals = appealResults(model.appeals);
  const result = { status: 'ok' as const, ...head, issues: issues.items, villages: v.villages, groups: g.groups, staff: g.staff, leaves: g.leaves, finance, survey, accountability, appeals };
  const bulletin = buildBulletin(result, v.lines, appealBulletinLines(model.appeals, params.month));
  if (!options.correction) return { ...result, bulletin, statements: v.statements };
  const { previous, ...facts } = options.correction;
  const diff = diffVersions(previous, { result, rows: monthRowsOf(tables, params.year, [params.month]) });
  return { ...result, bulletin: withCorrectionNote(bulletin, facts, diff), statements: v.statements };
}

const FALLBACK_PARAMS = {
  town: '',
  year: 0,
  month: '',
  monthNo: 1,
  villageBaseH: 10000,
  missedSignInFen: 0,
  absenceFen: 0,
  leaderLeaveDaysH: 200,
  rankSteps: 5,
  rankRewardFen: 0,
  classRewardFen: 0,
  stackRewards: false,
  planWeight: 0,
  lateToAbsence: 0,
  unapprovedLeaveAsAbsence: true,
  financePenaltyH: 0,
};
