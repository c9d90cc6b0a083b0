/**
 * A small valid town for engine tests, as plain rows that each test can change before turning
 * them into grids. Dates are Excel serials as Excel hands them over.
 */
import type { Grid } from '../../functions/src/domain/types.js';
import { isoToSerial } from '../../functions/src/domain/normalize.js';

export type Rows = (string | number | boolean)[][];
export type Book = Record<string, Rows>;

/** Excel serial of an ISO date. */
export const d = (iso: string): number => isoToSerial(iso);

/**
 * Two groups (计生组 with 王组长, 政法组 with 赵组长), four people besides the 书记/镇长, three
 * villages, five rules, inspections for January–April 2015; assessed month 2015-04.
 */
export function smallTown(): Book {
  return {
    参数: [
      ['参数', '值'],
      ['乡镇', '花桥街镇'],
      ['年度', 2015],
      ['考核月份', '2015-04'],
    ],
    组别: [
      ['组名', '组长', '年度工作经费', '上年全区排名', '本年全区排名', '参评单位数', '上年类别', '本年类别'],
      ['计生组', '王组长', 120000, 15, 9, 20, '三类', '二类'],
      ['政法组', '赵组长', 60000, '', '', '', '', ''],
    ],
    人员: [
      ['姓名', '所在组', '职务', '工号'],
      ['刘书记', '', '书记', ''],
      ['陈镇长', '', '镇长', ''],
      ['王组长', '计生组', '组长', ''],
      ['张三', '计生组', '组员', ''],
      ['李四', '计生组', '组员', ''],
      ['赵组长', '政法组', '组长', ''],
      ['钱五', '政法组', '组员', ''],
    ],
    村: [
      ['村名', '支书', '主任', '秘书', '专干'],
      ['花桥街村', '黄支书', '刘主任', '周秘书', '谭专干'],
      ['新塘村', '曾支书', '谭主任', '李秘书', '蒋专干'],
      ['毛家村', '毛支书', '毛主任', '毛秘书', '毛专干'],
    ],
    考核细则: [
      ['编号', '类别', '项目', '考核组', '分值', '加分上限', '责任分解'],
      ['JS-01', '计划生育', '出生人口政策符合率', '计生组', 10, 3, '支书30%、主任20%、秘书20%、专干30%'],
      ['JS-02', '计划生育', '流动人口管理', '计生组', 5, '', ''],
      ['ZF-01', '综治维稳', '信访稳定', '政法组', 10, '', ''],
      ['ZF-02', '综治维稳', '民调宣传', '政法组', 5, 2, ''],
      ['ZF-03', '综治维稳', '安全生产', '政法组', 2, '', '支书1%、主任1%、秘书1%、专干97%'],
    ],
    组督查: [
      ['月份', '组名', '督查得分', '点评'],
      ...['2015-01', '2015-02', '2015-03', '2015-04'].flatMap((m) => [
        [m, '计生组', 90, '较好'],
        [m, '政法组', 80, '一般'],
      ]),
    ],
    对村考核: [['日期', '村', '细则编号', '加减分', '原因', '考核组', '责任人', '录入人']],
  };
}

/** The book as grids, one per sheet, in the order of its keys. */
export function toGrids(book: Book): Grid[] {
  return Object.entries(book).map(([name, values]) => ({ name, origin: 'A1', values }));
}

/** Appends rows to a sheet, creating it with the header when missing. */
export function addRows(book: Book, sheet: string, header: (string | number)[], rows: Rows): void {
  book[sheet] ??= [header];
  book[sheet].push(...rows);
}
