/**
 * Seeded, deterministic synthetic workbooks (as grids) at the sizes the benchmarks measure.
 */
import type { Grid } from '../functions/src/domain/types.js';

export interface TownSize {
  label: string;
  villages: number;
  groups: number;
  staff: number;
  scores: number;
  attendance: number;
  plans: number;
}

export const SIZES: readonly TownSize[] = [
  { label: 'town', villages: 15, groups: 8, staff: 60, scores: 2_000, attendance: 1_000, plans: 500 },
  { label: 'big town', villages: 40, groups: 12, staff: 150, scores: 20_000, attendance: 10_000, plans: 5_000 },
  { label: 'district year', villages: 300, groups: 60, staff: 1_500, scores: 200_000, attendance: 50_000, plans: 20_000 },
];

/** mulberry32: a small seeded generator, so every run measures the same workbook. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JAN_1_2015 = 42005;
const RESULTS = ['在岗', '在岗', '在岗', '缺签', '迟到', '早退', '旷工'];
const STATES = ['已完成', '已完成', '延期完成', '未完成', '进行中'];

/** Builds a valid workbook of the given size for 2015, assessed month 2015-04, data January–April. */
export function syntheticTown(size: TownSize, seed = 2015): Grid[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const day = () => JAN_1_2015 + Math.floor(rnd() * 120);
  const groups = Array.from({ length: size.groups }, (_, i) => `第${i + 1}组`);
  const staff = Array.from({ length: size.staff }, (_, i) => ({ name: `干部${i + 1}`, group: groups[i % size.groups]! }));
  const villages = Array.from({ length: size.villages }, (_, i) => `村${i + 1}`);
  const rules = groups.flatMap((g, gi) => Array.from({ length: 5 }, (_, k) => ({ code: `R${gi + 1}-${k + 1}`, group: g })));
  const sheet = (name: string, values: unknown[][]): Grid => ({ name, origin: 'A1', values });
  return [
    sheet('参数', [['参数', '值'], ['乡镇', '基准镇'], ['年度', 2015], ['考核月份', '2015-04'], ['计划完成率权重', 0.2]]),
    sheet('组别', [['组名', '组长', '年度工作经费', '上年全区排名', '本年全区排名', '参评单位数'], ...groups.map((g, i) => [g, `干部${i + 1}`, 100000 + i * 1234.56, 10 + (i % 7), 8 + (i % 5), 20])]),
    sheet('人员', [['姓名', '所在组', '职务'], ...staff.map((s, i) => [s.name, s.group, i < size.groups ? '组长' : '组员']), ['书记甲', '', '书记']]),
    sheet('村', [['村名', '支书', '主任', '秘书', '专干'], ...villages.map((v) => [v, `${v}支书`, `${v}主任`, `${v}秘书`, `${v}专干`])]),
    sheet('考核细则', [['编号', '类别', '项目', '考核组', '分值', '加分上限', '责任分解'], ...rules.map((r, i) => [r.code, '类别', `项目${i}`, r.group, 5, i % 2 ? 3 : '', i % 3 ? '' : '支书30%、主任20%、秘书20%、专干30%'])]),
    sheet('对村考核', [
      ['日期', '村', '细则编号', '加减分', '原因', '考核组'],
      ...Array.from({ length: size.scores }, () => {
        const r = pick(rules);
        return [day(), pick(villages), r.code, rnd() < 0.3 ? 1 : -(1 + Math.floor(rnd() * 4)) / 2, '工作落实情况', r.group];
      }),
    ]),
    sheet('考勤', [['日期', '姓名', '结果', '天数'], ...Array.from({ length: size.attendance }, () => [day(), pick(staff).name, pick(RESULTS), ''])]),
    sheet('月度计划', [['月份', '姓名', '工作事项', '完成情况'], ...Array.from({ length: size.plans }, (_, i) => [`2015-0${1 + (i % 4)}`, staff[i % size.staff]!.name, '工作事项', pick(STATES)])]),
    sheet('组督查', [['月份', '组名', '督查得分'], ...['2015-01', '2015-02', '2015-03', '2015-04'].flatMap((m) => groups.map((g) => [m, g, 80 + Math.floor(rnd() * 2000) / 100]))]),
  ];
}
