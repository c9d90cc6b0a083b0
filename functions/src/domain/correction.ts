/**
 * Corrections (更正, SPEC §6): what changed between a finalised version of a month and its
 * correction — the entries, each village's score and rank, each group's score and funds — and the
 * 通报 section 更正说明 that states these facts.
 */
import { CHINESE_NUMBERS } from './bulletin.js';
import { rowChanges, splitRows, type RowChange } from './rowChanges.js';
import type { AssessmentResult, MonthRow } from './types.js';

/** A version's figures and the input rows they were computed from. */
export interface VersionFigures {
  result: Pick<AssessmentResult, 'villages' | 'groups'>;
  rows: readonly MonthRow[];
}

export interface VillageFigures {
  monthScore: number;
  monthRank: number;
  ytdScore: number;
  ytdRank: number;
}

export interface GroupFigures {
  monthScore: number | null;
  fundPaid: number;
  fundWithheld: number;
}

/** Before → after of one village or group; null on the side where it does not exist. */
export interface FigureChange<T> {
  before: T | null;
  after: T | null;
  changed: boolean;
}

/** The differences between two versions of a month. */
export interface CorrectionDiff {
  /** The changed input cells and rows (at most {@link MAX_LISTED_ENTRIES}). */
  entries: RowChange[];
  entriesTotal: number;
  villages: (FigureChange<VillageFigures> & { village: string })[];
  groups: (FigureChange<GroupFigures> & { group: string })[];
}

/** Who did something, as the 通报 names them. */
export interface CorrectionActor {
  id: string;
  role: string;
}

/** The facts of a correction that the 通报 and the history state. */
export interface CorrectionFacts {
  /** The version the correction makes (2 for the first correction). */
  version: number;
  reason: string;
  openedBy: CorrectionActor;
  /** ISO timestamp. */
  openedAt: string;
  /** Null while the correction awaits approval. */
  approvedBy: CorrectionActor | null;
  approvedAt: string | null;
}

/** What `compute` needs to write 更正说明: the facts and the finalised version being corrected. */
export interface CorrectionInput extends CorrectionFacts {
  previous: VersionFigures;
}

/** Entries listed in a diff; the count says how many there were in all. */
export const MAX_LISTED_ENTRIES = 200;
/** Entries quoted in the 通报; the rest are counted. */
const BULLETIN_ENTRIES = 20;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function figureChange<T>(before: T | null, after: T | null): FigureChange<T> {
  return { before, after, changed: !same(before, after) };
}

/** Names of both versions: the current order first, then any that the correction removed. */
const union = (before: readonly string[], after: readonly string[]) => [...new Set([...after, ...before])];

const villageFigures = (v: AssessmentResult['villages'][number] | undefined): VillageFigures | null =>
  v ? { monthScore: v.monthScore, monthRank: v.monthRank, ytdScore: v.ytdScore, ytdRank: v.ytdRank } : null;

const groupFigures = (g: AssessmentResult['groups'][number] | undefined): GroupFigures | null =>
  g ? { monthScore: g.monthScore, fundPaid: g.fundPaid, fundWithheld: g.fundWithheld } : null;

/** The differences from one version of a month to the next. */
export function diffVersions(before: VersionFigures, after: VersionFigures): CorrectionDiff {
  const entries = rowChanges(before.rows, splitRows(after.rows));
  return {
    entries: entries.slice(0, MAX_LISTED_ENTRIES),
    entriesTotal: entries.length,
    villages: union(before.result.villages.map((v) => v.village), after.result.villages.map((v) => v.village)).map((village) => ({
      village,
      ...figureChange(
        villageFigures(before.result.villages.find((v) => v.village === village)),
        villageFigures(after.result.villages.find((v) => v.village === village)),
      ),
    })),
    groups: union(before.result.groups.map((g) => g.group), after.result.groups.map((g) => g.group)).map((group) => ({
      group,
      ...figureChange(
        groupFigures(before.result.groups.find((g) => g.group === group)),
        groupFigures(after.result.groups.find((g) => g.group === group)),
      ),
    })),
  };
}

const quote = (v: string | null) => `「${v || '（空）'}」`;

/** One changed entry in words, e.g. `对村考核-计生组!D57：原为「-0.5」，现为「-1.5」`. */
export function describeChange(c: RowChange): string {
  const at = `${c.sheet}!${c.cell}`;
  if (c.kind === 'added') return `${at}：新增（${c.row}）`;
  if (c.kind === 'removed') return `${at}：删除（${c.row}）`;
  const what = c.subject === null ? '' : ` 「${c.subject}」的${c.label}`;
  return `${at}${what}：原为${quote(c.old)}，现为${quote(c.new)}`;
}

const pts = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const yuan = (n: number) => `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const who = (a: CorrectionActor) => `${a.role} ${a.id}`;
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const arrow = <T>(b: T | null, a: T | null, show: (x: T) => string) => `${b === null ? '无' : show(b)} → ${a === null ? '无' : show(a)}`;

/** The lines of 更正说明 (without its heading). */
export function correctionLines(facts: CorrectionFacts, diff: CorrectionDiff): string[] {
  const lines = [
    `本月考核结果在定稿后经更正，现为第 ${facts.version} 版，第 ${facts.version - 1} 版同时作废。`,
    `申请：${who(facts.openedBy)}，${when(facts.openedAt)}；原因：${facts.reason}`,
    facts.approvedBy && facts.approvedAt ? `批准：${who(facts.approvedBy)}，${when(facts.approvedAt)}。` : '批准：尚待书记或镇长批准，批准前本结果为草稿。',
    `更正的数据共 ${diff.entriesTotal} 处${diff.entriesTotal === 0 ? '。' : '：'}`,
    ...diff.entries.slice(0, BULLETIN_ENTRIES).map((c) => `${describeChange(c)}。`),
  ];
  if (diff.entriesTotal > BULLETIN_ENTRIES) lines.push(`……另有 ${diff.entriesTotal - BULLETIN_ENTRIES} 处，详见考核历史。`);
  const villages = diff.villages.filter((v) => v.changed);
  if (villages.length === 0) lines.push('各村得分、排名均未变化。');
  for (const v of villages) {
    lines.push(
      `${v.village}：本月得分 ${arrow(v.before?.monthScore ?? null, v.after?.monthScore ?? null, pts)}，排名 ${arrow(v.before?.monthRank ?? null, v.after?.monthRank ?? null, String)}；` +
        `累计得分 ${arrow(v.before?.ytdScore ?? null, v.after?.ytdScore ?? null, pts)}，累计排名 ${arrow(v.before?.ytdRank ?? null, v.after?.ytdRank ?? null, String)}。`,
    );
  }
  const groups = diff.groups.filter((g) => g.changed);
  if (groups.length === 0) lines.push('各组得分、经费均未变化。');
  for (const g of groups) {
    lines.push(
      `${g.group}：月度得分 ${arrow(g.before?.monthScore ?? null, g.after?.monthScore ?? null, pts)}，应发经费 ${arrow(g.before?.fundPaid ?? null, g.after?.fundPaid ?? null, yuan)}，` +
        `暂扣 ${arrow(g.before?.fundWithheld ?? null, g.after?.fundWithheld ?? null, yuan)}。`,
    );
  }
  return lines;
}

const HEADING = /^([一二三四五六七八九十]+)、/u;

/**
 * The 通报 with its section 更正说明 as the last section: replaces the section when it is already
 * there (the approval names the approver), else appends it with the next section number.
 */
export function withCorrectionNote(bulletin: readonly string[], facts: CorrectionFacts, diff: CorrectionDiff): string[] {
  const at = bulletin.findIndex((line) => HEADING.test(line) && line.endsWith('、更正说明'));
  const kept = at < 0 ? [...bulletin] : bulletin.slice(0, at);
  const number = CHINESE_NUMBERS[kept.filter((line) => HEADING.test(line)).length] ?? String(kept.length);
  return [...kept, `${number}、更正说明`, ...correctionLines(facts, diff)];
}
