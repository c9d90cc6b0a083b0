/**
 * R13 申诉: reads the 申诉 sheet, matches each row to the score entry it names and applies the
 * 处理结果 — 撤销 removes the entry, 改为 replaces its 加减分, 维持 and 待处理 leave it unchanged.
 * The rules downstream (caps, splits, byGroup, ranks, the 通报) then see only the counted entries.
 */
import type { IssueList } from './issues.js';
import { isBlank, parseNumber, serialMonth, serialToIso } from './normalize.js';
import type { ScoreEntry, Village } from './readModel.js';
import { fromHundredths, pointsToHundredths } from './rounding.js';
import { MAX_NUMBER, type RowReader } from './rowReader.js';
import { suggest } from './suggest.js';
import { APPEAL_RESULTS } from './tables.js';
import type { AppealResult } from './types.js';

export type AppealOutcome = (typeof APPEAL_RESULTS)[number];

/** One readable 申诉 row and the score entry it names. */
export interface Appeal {
  sheet: string;
  /** A1 of the row's 村 cell (the `cell` of the result's `appeals`). */
  cell: string;
  /** A1 of the 处理结果 cell (the row's first cell when the column is absent). */
  resultCell: string;
  village: string;
  /** 记录日期 as an Excel serial. */
  date: number;
  code: string;
  /** 原分值 in hundredths. */
  pointsH: number;
  reason: string;
  result: AppealOutcome;
  /** 改为分值 in hundredths; set only for 改为. */
  newPointsH: number | null;
  /** 申诉日期 as an Excel serial, if given. */
  appealDate: number | null;
  /**
   * The 对村考核 entry this row names (its `sheet`, `cell` and `month` locate it); null when none
   * matched, which is an error. The 定稿 lock looks here for 申诉 rows that change a finalised month.
   */
  entry: ScoreEntry | null;
  /** Whether the row changes its entry: 撤销, or 改为 a value other than the 原分值. */
  applied: boolean;
}

const pts = (h: number) => {
  const n = fromHundredths(h);
  return `${n > 0 ? '+' : ''}${n}`;
};

/** 改为分值: a non-zero number within the bounds of a number cell, else `appeal_value_invalid`. */
function readNewPoints(r: RowReader): number | null {
  const parsed = parseNumber(r.raw('newPoints'));
  if (parsed.ok && parsed.value !== 0 && Math.abs(parsed.value) <= MAX_NUMBER) return pointsToHundredths(parsed.value);
  const shown = String(r.raw('newPoints') ?? '').trim();
  const problem = !parsed.ok && parsed.reason === 'empty' ? '为空' : `「${shown}」${parsed.ok && parsed.value === 0 ? '为 0' : '不是有效的分值'}`;
  r.error('newPoints', 'appeal_value_invalid', `处理结果为「改为」，但改为分值${problem}；请填写改后的加减分（不为 0 的数字，如 -1 或 0.5），或把处理结果改为「撤销」。`);
  return null;
}

/** What an unmatched row could have meant: the village's entries of that date. */
function entriesOfDay(scores: readonly ScoreEntry[], village: string, date: number): string {
  const same = scores.filter((e) => e.village === village && e.date === date);
  if (same.length === 0) return `${village}在 ${serialToIso(date)} 没有任何加减分记录，请核对记录日期。`;
  const shown = same.slice(0, 10).map((e) => `${e.code} ${pts(e.pointsH)} 分（${e.sheet} ${e.cell}）`);
  return `${village}在 ${serialToIso(date)} 的记录有：${shown.join('、')}${same.length > shown.length ? ` 等 ${same.length} 条` : ''}。`;
}

/**
 * Reads the 申诉 rows and matches each to its entry: same 村, 日期 = 记录日期, 细则编号 and
 * 加减分 = 原分值; among identical entries the first in reading order not taken by an earlier row.
 */
export function readAppeals(rows: Iterable<RowReader>, villages: readonly Village[], scores: readonly ScoreEntry[]): Appeal[] {
  const villageNames = villages.map((v) => v.name);
  const entryKey = (village: string, date: number, code: string, pointsH: number) => `${village}|${date}|${code}|${pointsH}`;
  // Indexed on the first 申诉 row: most workbooks have none, and the index holds every entry.
  let byKey: Map<string, ScoreEntry[]> | undefined;
  const index = () => {
    byKey = new Map();
    for (const e of scores) {
      const k = entryKey(e.village, e.date, e.code, e.pointsH);
      const same = byKey.get(k);
      if (same) same.push(e);
      else byKey.set(k, [e]);
    }
    return byKey;
  };
  const taken = new Map<number, Appeal>();
  const out: Appeal[] = [];
  for (const r of rows) {
    const village = r.name('village');
    const date = r.date('date');
    const code = r.name('code');
    const pointsH = r.points('points');
    const reason = r.text('reason');
    // A blank 处理结果 is 待处理; any other unlisted word is an error reported by choice().
    const result = r.choice('result', APPEAL_RESULTS, false) ?? (isBlank(r.raw('result')) ? '待处理' : null);
    const newPointsH = result === '改为' ? readNewPoints(r) : null;
    r.text('handler', false);
    const appealDate = r.date('appealDate', false);
    if (village && !villageNames.includes(village)) {
      const near = suggest(village, villageNames);
      r.error('village', 'unknown_village', `村名「${village}」不存在${near ? `，是否为「${near}」？` : '，请检查名称。'}`);
      continue;
    }
    if (!village || date === null || !code || pointsH === null || !reason || !result) continue;
    const candidates = (byKey ?? index()).get(entryKey(village, date, code, pointsH)) ?? [];
    const entry = candidates.find((e) => !taken.has(e.seq)) ?? null;
    const what = `${village} ${serialToIso(date)} 细则「${code}」${pts(pointsH)} 分`;
    if (!entry && candidates.length > 0) {
      const first = taken.get(candidates[0]!.seq)!;
      r.error('code', 'appeal_duplicate', `此申诉与「${first.sheet}」${first.cell} 行的申诉指向同一条记录（${what}，${candidates[0]!.sheet} ${candidates[0]!.cell}）；同一条记录只能申诉一次，请合并为一行。`);
      continue;
    }
    if (!entry) {
      r.error('code', 'appeal_entry_unknown', `申诉的记录不存在：对村考核中没有${what}的记录。${entriesOfDay(scores, village, date)}`);
      continue;
    }
    if (result === '改为' && newPointsH === null) continue;
    const appeal: Appeal = {
      sheet: r.sheet,
      cell: r.cell('village'),
      resultCell: r.cell('result'),
      village,
      date,
      code,
      pointsH,
      reason,
      result,
      newPointsH,
      appealDate,
      entry,
      applied: result === '撤销' || (result === '改为' && newPointsH !== pointsH),
    };
    taken.set(entry.seq, appeal);
    if (result === '待处理') {
      r.warning('result', 'appeal_pending', `${what}的申诉尚未处理，本次仍按原分值计算；处理后请在处理结果中填写维持、撤销或改为。`);
    }
    out.push(appeal);
  }
  return out;
}

/** The score entries as they count after the 申诉: 撤销 entries left out, 改为 entries with the new value. */
export function countedEntries(scores: readonly ScoreEntry[], appeals: readonly Appeal[]): readonly ScoreEntry[] {
  const bySeq = new Map(appeals.filter((a) => a.applied).map((a) => [a.entry!.seq, a]));
  if (bySeq.size === 0) return scores;
  const out: ScoreEntry[] = [];
  for (const e of scores) {
    const a = bySeq.get(e.seq);
    if (!a) out.push(e);
    else if (a.result !== '撤销') out.push({ ...e, pointsH: a.newPointsH! });
  }
  return out;
}

/** The 申诉 of an entry as the statement shows it, e.g. `改为 -1（原 -2）`. */
export function appealNote(a: Appeal): string {
  if (a.result === '改为') return `改为 ${pts(a.newPointsH!)}（原 ${pts(a.pointsH)}）`;
  if (a.result === '撤销') return `撤销（原 ${pts(a.pointsH)}）`;
  return a.result;
}

/** The `appeals` list of the result (SPEC §5). */
export function appealResults(appeals: readonly Appeal[]): AppealResult[] {
  return appeals.map((a) => ({
    cell: a.cell,
    village: a.village,
    date: serialToIso(a.date),
    rule: a.code,
    points: fromHundredths(a.pointsH),
    result: a.result,
    newPoints: a.newPointsH === null ? null : fromHundredths(a.newPointsH),
    applied: a.applied,
  }));
}

/** The 通报's 申诉处理 lines: rows whose entry or 申诉日期 is in the month, and every pending one. */
export function appealBulletinLines(appeals: readonly Appeal[], month: string): string[] {
  return appeals
    .filter((a) => a.entry!.month === month || (a.appealDate !== null && serialMonth(a.appealDate) === month) || a.result === '待处理')
    .map((a) => {
      const outcome = a.result === '改为' ? `改为 ${pts(a.newPointsH!)} 分` : a.result;
      return `${a.village}对 ${serialToIso(a.date)}「${a.code}」${pts(a.pointsH)} 分的申诉（${a.reason}）：${outcome}。`;
    });
}
