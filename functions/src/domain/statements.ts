/**
 * The data of each village's 村考核明细 (SPEC §5): the month's score entries in date order as they
 * counted (after 申诉 and 加分上限), its 问责 and finance deductions, and its 月度得分 of months 1..m.
 */
import { appealNote } from './appeals.js';
import { serialToIso } from './normalize.js';
import type { Model, ScoreEntry } from './readModel.js';
import { fromHundredths } from './rounding.js';
import type { VillageStatement } from './types.js';
import { OTHER_GROUP, type DeductionLine, type VillageTally } from './villageScores.js';

const h = fromHundredths;

/**
 * One statement per village, in 村 order.
 * @param model - the model as read, with every entry (撤销 ones included) and the 申诉
 * @param counted - the points each entry counted with, by `seq`; 0 or past the end for an entry that counted nothing
 */
export function buildStatements(model: Model, tallies: readonly VillageTally[], counted: Float64Array, lines: readonly DeductionLine[]): VillageStatement[] {
  const { month, villageBaseH } = model.params;
  const appealBySeq = new Map(model.appeals.map((a) => [a.entry!.seq, a]));
  const byVillage = new Map<string, ScoreEntry[]>(tallies.map((t) => [t.village, []]));
  for (const e of model.scores) if (e.month === month) byVillage.get(e.village)!.push(e);
  const linesByVillage = new Map<string, DeductionLine[]>(tallies.map((t) => [t.village, []]));
  for (const l of lines) if (l.group === OTHER_GROUP) linesByVillage.get(l.village)!.push(l);
  return tallies.map((t) => {
    return {
      village: t.village,
      entries: byVillage
        .get(t.village)!
        .sort((a, b) => a.date - b.date || a.seq - b.seq)
        .map((e) => {
          const appeal = appealBySeq.get(e.seq);
          return {
            date: serialToIso(e.date),
            group: e.group,
            rule: e.code,
            item: model.rules.get(e.code)?.item ?? '',
            points: h(counted[e.seq] ?? 0),
            reason: e.reason,
            responsible: e.responsible,
            appeal: appeal ? appealNote(appeal) : null,
          };
        }),
      deductions: linesByVillage
        .get(t.village)!
        .sort((a, b) => a.date - b.date)
        .map((l) => ({ date: serialToIso(l.date), what: l.what, points: h(l.pointsH), reason: l.reason })),
      monthScores: t.bonusH.map((b, i) => h(villageBaseH + b - t.deductionH[i]!)),
    };
  });
}
