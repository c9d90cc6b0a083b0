/** The smallest valid workbook of the SPEC §2 contract: every required sheet and one 对村考核 row. */
import ExcelJS from 'exceljs';

export interface TinyWorkbookOptions {
  /** 村 of the one 对村考核 row; a name not in 村 makes the workbook invalid. */
  scoredVillage?: string;
}

/**
 * 花桥街镇, 2015-04: two groups (计生组 ¥120,000 a year, inspected 95; 城建组 ¥60,000, inspected 88),
 * two villages, and a deduction of 2 points on 新田村 by 计生组.
 */
export function tinyWorkbook(options: TinyWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, rows: ExcelJS.CellValue[][]): void => {
    workbook.addWorksheet(name).addRows(rows);
  };
  sheet('参数', [
    ['参数', '值'],
    ['乡镇', '花桥街镇'],
    ['年度', 2015],
    ['考核月份', '2015-04'],
  ]);
  sheet('组别', [
    ['组名', '组长', '年度工作经费'],
    ['计生组', '王五', 120000],
    ['城建组', '周六', 60000],
  ]);
  sheet('人员', [
    ['姓名', '所在组', '职务'],
    ['李书记', '', '书记'],
    ['王五', '计生组', '组长'],
    ['张三', '计生组', '组员'],
    ['周六', '城建组', '组长'],
  ]);
  sheet('村', [
    ['村名', '支书', '主任', '秘书', '专干'],
    ['花桥街村', '赵一', '钱二', '孙三', '李四'],
    ['新田村', '吴一', '郑二', '冯三', '陈四'],
  ]);
  sheet('考核细则', [
    ['编号', '类别', '项目', '考核组', '分值', '加分上限', '责任分解'],
    ['JS01', '计划生育', '按时上报计生月报', '计生组', 5, null, '支书30%、主任20%、秘书20%、专干30%'],
    ['CJ01', '城乡建设', '村容村貌整治', '城建组', 5, 3, null],
  ]);
  sheet('组督查', [
    ['月份', '组名', '督查得分'],
    ['2015-04', '计生组', 95],
    ['2015-04', '城建组', 88],
  ]);
  sheet('对村考核', [
    ['日期', '村', '细则编号', '加减分', '原因', '考核组'],
    [new Date(Date.UTC(2015, 3, 10)), options.scoredVillage ?? '新田村', 'JS01', -2, '未按时上报计生月报', '计生组'],
  ]);
  return workbook;
}
