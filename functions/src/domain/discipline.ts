/**
 * R1 leave validity and R2 discipline: 缺签, 迟到, 早退 and 旷工 per person and month, and the
 * 组长扣款 that the lapses of a group's members cost its leader.
 */
import type { IssueList } from './issues.js';
import { serialMonth } from './normalize.js';
import type { LeaveRow, Model, Person } from './readModel.js';
import { roundHalfUp } from './rounding.js';

/** Lapses of one person in the assessed month. */
export interface PersonDiscipline {
  missed: number;
  late: number;
  early: number;
  /** 旷工 days in hundredths. */
  absentH: number;
}

export interface LeaveVerdict {
  leave: LeaveRow;
  valid: boolean;
  reason: string | null;
}

const APPROVAL_MARKS = new Set(['同意', '√', '是']);
const HEADS = new Set(['书记', '镇长']);

const fmtDays = (h: number) => String(h / 100);

/** An approval cell's person: shown by 姓名 when resolved, else as written with why it is no person. */
function approver(model: Model, written: string): { person: Person | null; shown: string; problem: string } {
  if (!written || APPROVAL_MARKS.has(written)) return { person: null, shown: written, problem: '' };
  const found = model.people.resolve(written);
  return found.person ? { person: found.person, shown: found.person.name, problem: '' } : { person: null, shown: written, problem: `（${found.message}）` };
}

/** The 组长 named in 组别 for the person's group, or null. */
export function leaderOf(model: Model, person: Person): Person | null {
  return model.groups.find((g) => g.name === person.group)?.leaderPerson ?? null;
}

const isLeader = (model: Model, person: Person) => model.groups.some((g) => g.leaderPerson === person);

/** R1: judges every leave; invalid ones get a `leave_invalid` warning at the wrong or empty approval cell. */
export function judgeLeaves(model: Model, issues: IssueList): LeaveVerdict[] {
  const limit = model.params.leaderLeaveDaysH;
  return model.leaves.map((leave) => {
    const { person } = leave;
    const leader = leaderOf(model, person);
    // Approvals compare persons: 李建军（HQ003） and HQ003 approve as 李建军 does.
    const byLeader = approver(model, leave.leaderApproval);
    const leaderOk = APPROVAL_MARKS.has(leave.leaderApproval) || (leader !== null && byLeader.person === leader);
    const own = isLeader(model, person);
    const needsHead = leave.daysH > limit || own || person.group === null;
    let reason: string | null = null;
    let cell = leave.leaderApprovalCell;
    if (!leaderOk) {
      reason = leave.leaderApproval
        ? `组长审批「${byLeader.shown}」不是${leader ? `本组组长「${leader.name}」` : '组长'}，也不是「同意」「√」「是」${byLeader.problem}`
        : '缺少组长审批';
    } else if (needsHead) {
      const byHead = approver(model, leave.headApproval);
      if (!byHead.person || !HEADS.has(byHead.person.position)) {
        cell = leave.headApprovalCell;
        const why = own ? '组长本人请假' : person.group === null ? '无所在组人员请假' : `请假超过 ${fmtDays(limit)} 天`;
        reason = leave.headApproval ? `${why}须书记或镇长审批，「${byHead.shown}」不是书记或镇长${byHead.problem}` : `${why}须书记或镇长审批，领导审批为空`;
      }
    }
    if (reason) issues.warning(leave.sheet, cell, 'leave_invalid', `${person.name}的请假（${fmtDays(leave.daysH)} 天）无效：${reason}。`);
    return { leave, valid: reason === null, reason };
  });
}

/** The leave's 天数 laid on its calendar days from 开始日期; hundredths of days falling in `month`. */
function leaveDaysInMonth(leave: LeaveRow, month: string): number {
  let inMonth = 0;
  for (let day = leave.start, left = leave.daysH; left > 0; day++, left -= 100) {
    if (serialMonth(day) === month) inMonth += Math.min(100, left);
  }
  return inMonth;
}

/** R2: lapses per person (by Person.index) in the assessed month. */
export function assessDiscipline(model: Model, verdicts: readonly LeaveVerdict[], issues: IssueList): PersonDiscipline[] {
  const { month, lateToAbsence, unapprovedLeaveAsAbsence } = model.params;
  const stats: PersonDiscipline[] = model.persons.map(() => ({ missed: 0, late: 0, early: 0, absentH: 0 }));
  for (const row of model.attendance) {
    const s = stats[row.person.index]!;
    const inMonth = row.month === month;
    if (row.result === '请假') {
      const covered = model.leaves.some((l) => l.person === row.person && row.date >= l.start && row.date <= l.end);
      if (covered) continue;
      issues.warning(row.sheet, row.cell, 'attendance_leave_missing', `${row.person.name}考勤记为请假，但请假表中没有对应的请假记录，按旷工 1 天计。`);
      if (inMonth) s.absentH += 100;
      continue;
    }
    if (!inMonth) continue;
    if (row.result === '缺签') s.missed++;
    else if (row.result === '迟到') s.late++;
    else if (row.result === '早退') s.early++;
    else if (row.result === '旷工') s.absentH += row.daysH;
    else if (row.result === '脱岗') s.absentH += 100;
  }
  if (unapprovedLeaveAsAbsence) {
    for (const v of verdicts) if (!v.valid) stats[v.leave.person.index]!.absentH += leaveDaysInMonth(v.leave, month);
  }
  if (lateToAbsence > 0) for (const s of stats) s.absentH += Math.floor((s.late + s.early) / lateToAbsence) * 100;
  return stats;
}

/** Lapses of a group's members other than its 组长, and what they cost the 组长 in fen. */
export function groupLapses(model: Model, groupName: string, stats: readonly PersonDiscipline[]): { missed: number; absentH: number; penaltyFen: number } {
  const group = model.groups.find((g) => g.name === groupName)!;
  let missed = 0;
  let absentH = 0;
  for (const p of model.persons) {
    if (p.group !== groupName || p === group.leaderPerson) continue;
    missed += stats[p.index]!.missed;
    absentH += stats[p.index]!.absentH;
  }
  const penaltyFen = model.params.missedSignInFen * missed + roundHalfUp(model.params.absenceFen * absentH, 100);
  return { missed, absentH, penaltyFen };
}
