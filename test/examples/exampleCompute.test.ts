import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import type { AssessmentResult } from '../../functions/src/domain/types.js';
import { workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { buildExampleWorkbook, plantMistakes } from '../../scripts/exampleWorkbook.js';

/** Computes a workbook as the CLI would after opening the saved file. */
async function computeSaved(workbook: ExcelJS.Workbook): Promise<AssessmentResult> {
  const saved = new ExcelJS.Workbook();
  await saved.xlsx.load(await workbook.xlsx.writeBuffer());
  return compute(workbookToGrids(saved));
}

describe('the example workbook through the engine', () => {
  it('is valid: status ok, no errors, only the warnings its stories plant', async () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const result = await computeSaved(workbook);

    // Assess
    expect(result).toMatchObject({ status: 'ok', town: '花桥街镇', year: 2015, month: '2015-04' });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.issues.map((i) => i.code).sort()).toEqual(
      [
        'appeal_pending',
        'attendance_leave_missing',
        'bonus_capped',
        'finance_violation',
        'finance_violation',
        'finance_violation',
        'leave_invalid',
        'plan_missing',
        'plan_missing',
        'plan_missing',
      ].sort(),
    );
    expect(result.villages).toHaveLength(14);
    expect(result.groups).toHaveLength(5);
    expect(result.staff).toHaveLength(44);
  });

  it('reproduces the seed: rewards, the veto, charges to 组长, the fire, 村账镇代管', async () => {
    // Prepare
    const workbook = buildExampleWorkbook();

    // Act
    const result = await computeSaved(workbook);

    // Assess
    const group = (name: string) => result.groups.find((g) => g.group === name);
    expect(group('计生组')).toMatchObject({ leader: '李建军', rankAdvance: 6, classImproved: true, reward: 20000, leaderPenalty: 800, missedSignIns: 2, absentDays: 3 });
    expect(group('民政组')).toMatchObject({ lastInDistrict: true, awardEligible: false });
    expect(group('效能建设组')).toMatchObject({ rankAdvance: null, reward: 0, lastInDistrict: false });
    expect(result.staff.find((s) => s.name === '唐志刚')).toMatchObject({ missedSignIns: 1 });
    expect(group('城建组')?.missedSignIns).toBe(0);
    expect(result.accountability.map((a) => [a.unit, a.kind, a.action, a.deduction])).toEqual([
      ['岭口村', '不作为', '停职', 5],
      ['岭口村', '慢作为', '通报批评', 3],
      ['政法组', '慢作为', '通报批评', 0],
    ]);
    expect(result.finance.filter((f) => f.violations > 0).map((f) => f.village).sort()).toEqual(['大坪村', '新塘村', '石山脚村'].sort());
    expect(result.finance.find((f) => f.village === '新塘村')?.undepositedIncome).toBe(6000);
    expect(result.leaves.filter((l) => !l.valid).map((l) => l.name)).toEqual(['胡春燕']);
  });

  it('applies the villages\' 申诉: every figure that moves is explained by an applied appeal', async () => {
    // Prepare
    const workbook = buildExampleWorkbook();
    const without = buildExampleWorkbook();
    without.removeWorksheet(without.getWorksheet('申诉')!.id);

    // Act
    const result = await computeSaved(workbook);
    const before = await computeSaved(without);

    // Assess
    expect(result.appeals.map((a) => [a.village, a.date, a.rule, a.points, a.result, a.newPoints, a.applied])).toEqual([
      ['花桥街村', '2015-02-10', 'ZF-02', -1, '撤销', null, true],
      ['新塘村', '2015-03-18', 'JS-03', -1, '改为', -0.5, true],
      ['岭口村', '2015-04-02', 'CJ-04', -3, '维持', null, false],
      ['桐子坳村', '2015-04-09', 'XN-06', -1, '撤销', null, true],
      ['大坪村', '2015-04-16', 'MZ-02', -2, '待处理', null, false],
    ]);
    // Year to date: 花桥街村 +1 (February −1 withdrawn), 新塘村 +0.5 (March −1 → −0.5), 桐子坳村 +1
    // (April −1 withdrawn, also in the month); nothing else moves.
    const moved = result.villages.flatMap((v) => {
      const b = before.villages.find((x) => x.village === v.village)!;
      return v.ytdScore === b.ytdScore && v.monthScore === b.monthScore ? [] : [[v.village, +(v.monthScore - b.monthScore).toFixed(2), +(v.ytdScore - b.ytdScore).toFixed(2)]];
    });
    expect(moved).toEqual([
      ['花桥街村', 0, 1],
      ['新塘村', 0, 0.5],
      ['桐子坳村', 1, 1],
    ]);
    expect(result.groups).toEqual(before.groups);
    expect(result.bulletin.slice(result.bulletin.indexOf('八、申诉处理'))).toEqual([
      '八、申诉处理',
      '新塘村对 2015-03-18「JS-03」-1 分的申诉（专干因病请假，已由秘书代为入户随访）：改为 -0.5 分。',
      '岭口村对 2015-04-02「CJ-04」-3 分的申诉（当天已安排护林员巡山，火情系邻村蔓延）：维持。',
      '桐子坳村对 2015-04-09「XN-06」-1 分的申诉（公开栏已于3月31日更新，有照片为证）：撤销。',
      '大坪村对 2015-04-16「MZ-02」-2 分的申诉（走访记录在包村干部处，已补交）：待处理。',
    ]);
    expect(result.issues.filter((i) => i.code === 'appeal_pending').map((i) => `${i.sheet}!${i.cell}`)).toEqual(['申诉!F6']);
  });

  it('reports each planted mistake as an error at its cell', async () => {
    // Prepare
    const workbook = buildExampleWorkbook();
    const mistakes = plantMistakes(workbook);

    // Act
    const result = await computeSaved(workbook);

    // Assess
    expect(result.status).toBe('invalid');
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(mistakes.length);
    expect(errors.map(({ sheet, cell, code }) => ({ sheet, cell, code }))).toEqual(expect.arrayContaining(mistakes));
    expect(errors.find((i) => i.code === 'unknown_village')?.message).toContain('花桥街村');
  });
});
