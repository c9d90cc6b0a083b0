import { describe, expect, it } from 'vitest';
import { collectMonthRows, compute } from '../../../functions/src/domain/index.js';
import { d, smallTown, toGrids } from '../fixtures.js';
import { addAppeals, addScores, issueCells, roleDeductions, run, villageOf } from './helpers.js';

const entry = (date: string, village: string, code: string, points: number, reason: string, group: string, responsible = '') =>
  [d(date), village, code, points, reason, group, responsible, ''];
const appeal = (village: string, date: string, code: string, points: number | string, result = '', newPoints: number | string = '', appealDate: number | string = '') =>
  [village, d(date), code, points, '村里有异议', result, newPoints, '', appealDate];

/** 花桥街村 in April: JS-02 −2 and −1 of 计生组, ZF-01 +1 of 政法组. */
function aprilBook() {
  const book = smallTown();
  addScores(book, [
    entry('2015-04-03', '花桥街村', 'JS-02', -2, '流动人口漏登 2 户', '计生组'),
    entry('2015-04-05', '花桥街村', 'JS-02', -1, '流动人口台账不全', '计生组'),
    entry('2015-04-06', '花桥街村', 'ZF-01', 1, '化解信访积案', '政法组'),
  ]);
  return book;
}

describe('R13 appeals', () => {
  it('撤销: the entry counts nowhere — not in 扣分, byGroup or the 通报 deduction lines', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '撤销')]);

    // Act
    const r = run(book);

    // Assess
    // Without the appeal: 100 + 1 − 3 = 98. The −2 withdrawn: 100 + 1 − 1 = 100.
    const v = villageOf(r, '花桥街村');
    expect([v.monthBonus, v.monthDeduction, v.monthScore, v.ytdScore]).toEqual([1, 1, 100, 100]);
    expect(v.byGroup['计生组']).toEqual({ bonus: 0, deduction: 1 });
    expect(r.bulletin.filter((l) => l.startsWith('花桥街村 扣'))).toEqual(['花桥街村 扣 1.00 分（计生组，JS-02 流动人口管理）：流动人口台账不全']);
    expect(r.appeals).toEqual([{ cell: 'A2', village: '花桥街村', date: '2015-04-03', rule: 'JS-02', points: -2, result: '撤销', newPoints: null, applied: true }]);
  });

  it('改为: the entry counts as 改为分值 everywhere, and ranks follow', () => {
    // Prepare
    const book = aprilBook();
    addScores(book, [entry('2015-04-07', '新塘村', 'JS-02', -1.5, '台账不全', '计生组')]);
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '改为', -0.5)]);

    // Act
    const r = run(book);

    // Assess
    // 花桥街村 100 + 1 − (0.5 + 1) = 99.5, ahead of 新塘村 98.5 (it was 98, behind it, before the appeal); 毛家村 100 first.
    const v = villageOf(r, '花桥街村');
    expect([v.monthDeduction, v.monthScore, v.monthRank]).toEqual([1.5, 99.5, 2]);
    expect([villageOf(r, '新塘村').monthScore, villageOf(r, '新塘村').monthRank]).toEqual([98.5, 3]);
    expect(r.bulletin).toContain('花桥街村 扣 0.50 分（计生组，JS-02 流动人口管理）：流动人口漏登 2 户');
    expect(r.appeals[0]).toMatchObject({ result: '改为', points: -2, newPoints: -0.5, applied: true });
  });

  it('维持 leaves every figure unchanged and is not applied', () => {
    // Prepare
    const plain = aprilBook();
    const book = aprilBook();
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', '扣2分', '维持')]);

    // Act
    const before = run(plain);
    const r = run(book);

    // Assess
    expect(r.villages).toEqual(before.villages);
    expect(villageOf(r, '花桥街村').monthScore).toBe(98);
    expect(r.appeals[0]).toMatchObject({ result: '维持', points: -2, newPoints: null, applied: false });
    expect(r.issues.filter((i) => i.code.startsWith('appeal'))).toEqual([]);
  });

  it('待处理 or a blank 处理结果: unchanged, with a warning appeal_pending at the 处理结果 cell', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, ''), appeal('花桥街村', '2015-04-05', 'JS-02', -1, '待处理')]);

    // Act
    const r = run(book);

    // Assess
    expect(villageOf(r, '花桥街村').monthScore).toBe(98);
    expect(issueCells(r, 'appeal_pending')).toEqual(['申诉!F2', '申诉!F3']);
    expect(r.issues.find((i) => i.code === 'appeal_pending')!.severity).toBe('warning');
    expect(r.appeals.map((a) => [a.result, a.applied])).toEqual([
      ['待处理', false],
      ['待处理', false],
    ]);
  });

  it('an appeal on a capped bonus recomputes the year-to-date cap', () => {
    // Prepare
    // JS-01 has 加分上限 3: March +2 counts 2, April +2 only 1 (warning bonus_capped).
    const book = smallTown();
    addScores(book, [
      entry('2015-03-10', '花桥街村', 'JS-01', 2, '政策符合率提高', '计生组'),
      entry('2015-04-02', '花桥街村', 'JS-01', 2, '政策符合率达标', '计生组'),
    ]);
    const capped = run(book);
    addAppeals(book, [appeal('花桥街村', '2015-03-10', 'JS-01', 2, '改为', 1)]);

    // Act
    const r = run(book);

    // Assess
    expect([villageOf(capped, '花桥街村').monthBonus, villageOf(capped, '花桥街村').ytdBonus]).toEqual([1, 3]);
    expect(issueCells(capped, 'bonus_capped')).toEqual(['对村考核!D3']);
    // March now counts 1, so April's +2 fits under the cap: 1 + 2 = 3.
    const v = villageOf(r, '花桥街村');
    expect([v.monthBonus, v.ytdBonus, v.monthScore, v.ytdScore]).toEqual([2, 3, 102, 103]);
    expect(issueCells(r, 'bonus_capped')).toEqual([]);
    expect(r.statements[0]!.entries.map((e) => [e.rule, e.points, e.appeal])).toEqual([['JS-01', 2, null]]);
    expect(r.statements[0]!.monthScores).toEqual([100, 100, 101, 102]);
  });

  it('an appeal on a split deduction splits the new value', () => {
    // Prepare
    // ZF-03 splits 支书1%、主任1%、秘书1%、专干97%; JS-01 支书30%、主任20%、秘书20%、专干30%.
    const book = smallTown();
    addScores(book, [entry('2015-04-03', '花桥街村', 'ZF-03', -1, '安全隐患未整改', '政法组'), entry('2015-04-04', '花桥街村', 'JS-01', -3, '出生瞒报', '计生组')]);
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'ZF-03', -1, '改为', -0.5), appeal('花桥街村', '2015-04-04', 'JS-01', -3, '撤销')]);

    // Act
    const r = run(book);

    // Assess
    // 0.50 → exact 0.005/0.005/0.005/0.485 → floors 0/0/0/0.48, the 2 hundredths left go to the
    // equal remainders in written order: 支书, 主任. The JS-01 −3 (0.9/0.6/0.6/0.9) is withdrawn.
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0.01, 0.01], 主任: [0.01, 0.01], 秘书: [0, 0], 专干: [0.48, 0.48] });
    expect(villageOf(r, '花桥街村').monthDeduction).toBe(0.5);
  });

  it('matches identical entries in reading order, each to the first not taken by an earlier 申诉 row', () => {
    // Prepare
    // Two identical entries (same 村, 日期, 细则编号, 加减分); the second names 支书 as 责任人 (100% to 支书).
    const rows = [entry('2015-04-03', '花桥街村', 'JS-02', -2, '甲：漏登', '计生组'), entry('2015-04-03', '花桥街村', 'JS-02', -2, '乙：漏登', '计生组', '支书')];
    const book = smallTown();
    addScores(book, rows);
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '改为', -1), appeal('花桥街村', '2015-04-03', 'JS-02', -2, '撤销')]);
    const swapped = smallTown();
    addScores(swapped, rows);
    addAppeals(swapped, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '撤销'), appeal('花桥街村', '2015-04-03', 'JS-02', -2, '改为', -1)]);

    // Act
    const r = run(book);
    const s = run(swapped);

    // Assess
    // First row → entry 甲 (改为 −1), second → entry 乙 (撤销): 支书 is charged nothing.
    expect(r.statements[0]!.entries.map((e) => [e.reason, e.points, e.appeal])).toEqual([
      ['甲：漏登', -1, '改为 -1（原 -2）'],
      ['乙：漏登', 0, '撤销（原 -2）'],
    ]);
    expect(roleDeductions(villageOf(r, '花桥街村')).支书).toEqual([0, 0]);
    // Swapped: 甲 withdrawn, 乙 改为 −1 and charged to 支书.
    expect(s.statements[0]!.entries.map((e) => [e.reason, e.points])).toEqual([
      ['甲：漏登', 0],
      ['乙：漏登', -1],
    ]);
    expect(roleDeductions(villageOf(s, '花桥街村')).支书).toEqual([1, 1]);
    expect([villageOf(r, '花桥街村').monthScore, villageOf(s, '花桥街村').monthScore]).toEqual([99, 99]);
  });

  it('reports an appeal naming no entry at its 细则编号 cell, listing the village\'s entries of that date', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [appeal('花桥街村', '2015-04-03', 'JS-02', -3, '撤销'), appeal('花桥街村', '2015-04-09', 'JS-02', -1, '撤销')]);

    // Act
    const r = compute(toGrids(book));

    // Assess
    expect(r.status).toBe('invalid');
    expect(issueCells(r, 'appeal_entry_unknown')).toEqual(['申诉!C2', '申诉!C3']);
    const [first, second] = r.issues.filter((i) => i.code === 'appeal_entry_unknown');
    expect(first!.message).toContain('没有花桥街村 2015-04-03 细则「JS-02」-3 分的记录');
    expect(first!.message).toContain('JS-02 -2 分（对村考核 D2）');
    expect(second!.message).toContain('花桥街村在 2015-04-09 没有任何加减分记录');
  });

  it('reports a second appeal on the same single entry as appeal_duplicate at its 细则编号 cell', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [appeal('花桥街村', '2015-04-05', 'JS-02', -1, '维持'), appeal('花桥街村', '2015-04-05', 'JS-02', -1, '撤销')]);

    // Act
    const r = compute(toGrids(book));

    // Assess
    expect(r.status).toBe('invalid');
    expect(issueCells(r, 'appeal_duplicate')).toEqual(['申诉!C3']);
    expect(r.issues.find((i) => i.code === 'appeal_duplicate')!.message).toContain('A2');
  });

  it('reports a missing, non-numeric or zero 改为分值 as appeal_value_invalid at that cell', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [
      appeal('花桥街村', '2015-04-03', 'JS-02', -2, '改为', ''),
      appeal('花桥街村', '2015-04-05', 'JS-02', -1, '改为', '减半'),
      appeal('花桥街村', '2015-04-06', 'ZF-01', 1, '改为', 0),
    ]);

    // Act
    const r = compute(toGrids(book));

    // Assess
    expect(r.status).toBe('invalid');
    expect(issueCells(r, 'appeal_value_invalid')).toEqual(['申诉!G2', '申诉!G3', '申诉!G4']);
    expect(r.issues.filter((i) => i.code === 'appeal_value_invalid').map((i) => i.message.split('；')[0])).toEqual([
      '处理结果为「改为」，但改为分值为空',
      '处理结果为「改为」，但改为分值「减半」不是有效的分值',
      '处理结果为「改为」，但改为分值「0」为 0',
    ]);
  });

  it('lists under 申诉处理 the rows of the month (by entry or 申诉日期) and every pending one', () => {
    // Prepare
    const book = aprilBook();
    addScores(book, [entry('2015-02-03', '新塘村', 'JS-02', -1, '二月漏登', '计生组'), entry('2015-03-03', '毛家村', 'JS-02', -1, '三月漏登', '计生组'), entry('2015-01-05', '毛家村', 'JS-02', -1, '一月漏登', '计生组')]);
    addAppeals(book, [
      appeal('花桥街村', '2015-04-03', 'JS-02', -2, '改为', -1),
      appeal('新塘村', '2015-02-03', 'JS-02', -1, '撤销', '', d('2015-04-08')),
      appeal('毛家村', '2015-03-03', 'JS-02', -1, ''),
      appeal('毛家村', '2015-01-05', 'JS-02', -1, '维持', '', d('2015-02-01')),
    ]);

    // Act
    const r = run(book);

    // Assess
    const at = r.bulletin.findIndex((l) => l.endsWith('、申诉处理'));
    expect(r.bulletin.slice(at)).toEqual([
      '八、申诉处理',
      '花桥街村对 2015-04-03「JS-02」-2 分的申诉（村里有异议）：改为 -1 分。',
      '新塘村对 2015-02-03「JS-02」-1 分的申诉（村里有异议）：撤销。',
      '毛家村对 2015-03-03「JS-02」-1 分的申诉（村里有异议）：待处理。',
    ]);
    // The February withdrawal changes the year to date, not April; 毛家村's 维持 and pending rows change nothing.
    const xintang = villageOf(r, '新塘村');
    expect([xintang.monthScore, xintang.ytdDeduction, xintang.ytdScore]).toEqual([100, 0, 100]);
    expect(villageOf(r, '毛家村').ytdDeduction).toBe(2);
  });

  it('finds a 申诉 table by its header under another sheet name, with synonyms and a banner above', () => {
    // Prepare
    const book = aprilBook();
    book['村里的意见'] = [
      ['花桥街镇2015年申诉登记'],
      ['村名', '扣分日期', '细则编号', '原加减分', '理由', '处理意见', '改后分值'],
      ['花桥街村', '2015年4月3日', 'JS-02', '扣2分', '已整改', '改为', '扣1分'],
    ];

    // Act
    const r = run(book);

    // Assess
    expect(r.appeals).toEqual([{ cell: 'A3', village: '花桥街村', date: '2015-04-03', rule: 'JS-02', points: -2, result: '改为', newPoints: -1, applied: true }]);
    expect(villageOf(r, '花桥街村').monthScore).toBe(99);
  });

  it('validates every cell of a 申诉 row: village, date, 原分值, reason and 处理结果', () => {
    // Prepare
    const book = aprilBook();
    addAppeals(book, [
      ['花桥村', d('2015-04-03'), 'JS-02', -2, '有异议', '撤销', '', '', ''],
      ['花桥街村', '四月三日', 'JS-02', -2, '有异议', '撤销', '', '', ''],
      ['花桥街村', d('2015-04-05'), 'JS-02', '两分', '', '同意', '', '', ''],
    ]);

    // Act
    const r = compute(toGrids(book));

    // Assess
    expect(r.status).toBe('invalid');
    expect(r.issues.map((i) => [`${i.sheet}!${i.cell}`, i.code])).toEqual([
      ['申诉!A2', 'unknown_village'],
      ['申诉!B3', 'invalid_date'],
      ['申诉!D4', 'not_a_number'],
      ['申诉!E4', 'missing_value'],
      ['申诉!F4', 'invalid_value'],
    ]);
    expect(r.issues[0]!.message).toContain('是否为「花桥街村」');
    expect(r.issues[4]!.message).toContain('待处理、维持、撤销、改为');
  });

  it('says 本月无申诉 when there is nothing to list', () => {
    // Act
    const r = run(aprilBook());

    // Assess
    expect(r.bulletin.slice(-2)).toEqual(['八、申诉处理', '本月无申诉。']);
    expect(r.appeals).toEqual([]);
  });

  it('refuses an appeal applied after 定稿 to an entry of the finalised month, and lets a pending one through', () => {
    // Prepare
    const finalizedRows = collectMonthRows(toGrids(aprilBook()), { month: '2015-04' }).rows;
    const withdrawn = aprilBook();
    addAppeals(withdrawn, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '撤销')]);
    const pending = aprilBook();
    addAppeals(pending, [appeal('花桥街村', '2015-04-03', 'JS-02', -2, '待处理')]);

    // Act
    const refused = compute(toGrids(withdrawn), { finalizedRows });
    const allowed = run(pending, { finalizedRows });

    // Assess
    expect(refused.status).toBe('invalid');
    expect(issueCells(refused, 'finalized_month_changed')).toEqual(['申诉!A2']);
    expect(refused.issues.find((i) => i.code === 'finalized_month_changed')!.message).toContain('2015年4月已定稿，此行是定稿后新增的（花桥街村 / 2015-04-03 / JS-02 / -2 / 村里有异议 / 撤销）');
    expect(allowed.status).toBe('ok');
    expect(villageOf(allowed, '花桥街村').monthScore).toBe(98);
  });
});
