/**
 * One way to name a person: every column that names a 人员 accepts 姓名, 工号 and 姓名（工号） (any
 * brackets, spaces ignored), resolves them to the same person, and reports a wrong 工号 or a shared
 * name with the same error at its own cell (a leave approval: inside the leave's warning).
 */
import { describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import type { Book } from '../fixtures.js';
import { PERSON_COLUMNS, PERSON_FORMS, rewritePersons } from '../personForms.js';
import { richTown, run, setCell } from './helpers.js';

const IDS: Record<string, string> = { 刘书记: 'P01', 陈镇长: 'P02', 王组长: 'P03', 张三: 'P04', 李四: 'P05', 赵组长: 'P06', 钱五: 'P07' };

/** The rich town with a 工号 for everyone, a valid long leave and a town cadre as 责任人. */
function town(): Book {
  const book = richTown();
  for (const row of book['人员']!.slice(1)) row[3] = IDS[String(row[0])]!;
  setCell(book, '请假', 'G3', '刘书记');
  setCell(book, '对村考核', 'G2', '张三');
  return book;
}

/** One cell of each person column, the person it names, and a group that person is not 组长 of. */
const CELLS = [
  { sheet: '组别', cell: 'B2', name: '王组长', approval: false },
  { sheet: '考勤', cell: 'B2', name: '张三', approval: false },
  { sheet: '请假', cell: 'A2', name: '张三', approval: false },
  { sheet: '请假', cell: 'F2', name: '王组长', approval: true },
  { sheet: '请假', cell: 'G3', name: '刘书记', approval: true },
  { sheet: '月度计划', cell: 'B2', name: '王组长', approval: false },
  { sheet: '问责', cell: 'B3', name: '钱五', approval: false },
  { sheet: '对村考核', cell: 'G2', name: '张三', approval: false },
] as const;

const errors = (result: AssessmentResult) => result.issues.filter((i) => i.severity === 'error');

/** The error at the cell, or for an approval the leave's warning at that cell, whose message carries the same text. */
function expectReported(result: AssessmentResult, c: (typeof CELLS)[number], code: string, message: string): void {
  if (c.approval) {
    expect(errors(result)).toEqual([]);
    const warning = result.issues.find((i) => i.sheet === c.sheet && i.cell === c.cell && i.code === 'leave_invalid');
    expect(warning?.message).toContain(message);
  } else {
    expect(errors(result)).toEqual([{ sheet: c.sheet, cell: c.cell, severity: 'error', code, message }]);
  }
}

describe('person references', () => {
  it('covers every column that names a person', () => {
    // Assess
    expect(new Set(CELLS.map((c) => c.sheet))).toEqual(new Set(PERSON_COLUMNS.map((c) => c.sheet)));
    expect(CELLS).toHaveLength(PERSON_COLUMNS.length);
  });

  const cases = CELLS.flatMap((c) => Object.entries(PERSON_FORMS).map(([form, write]) => ({ ...c, form, write })));
  it.each(cases)('$sheet $cell written as $form resolves to the same person', ({ sheet, cell, name, write }) => {
    // Prepare
    const book = town();
    const written = structuredClone(book);
    setCell(written, sheet, cell, write(name, IDS[name]!));

    // Act
    const expected = run(book);
    const result = run(written);

    // Assess
    expect(expected.status).toBe('ok');
    expect(result).toEqual(expected);
  });

  it.each(CELLS)('$sheet $cell with a wrong 工号 gives the unknown-person error there', (c) => {
    // Prepare
    const book = town();
    setCell(book, c.sheet, c.cell, `${c.name}（P99）`);

    // Act
    const result = run(book);

    // Assess
    expectReported(result, c, 'unknown_person', `人员「${c.name}（P99）」不存在（工号「P99」不在人员表中），是否为「${c.name}（${IDS[c.name]}）」？`);
  });

  it.each(CELLS)('$sheet $cell with a name two people share asks for the 工号 there', (c) => {
    // Prepare: every other reference names its person with the 工号, then a namesake joins
    const book = rewritePersons(town(), () => 2);
    book['人员']!.push([c.name, '政法组', '组员', 'P08']);
    setCell(book, c.sheet, c.cell, c.name);

    // Act
    const result = run(book);

    // Assess
    expectReported(result, c, 'ambiguous_person', `「${c.name}」在人员表中有 2 人重名，请写成「姓名（工号）」：「${c.name}（${IDS[c.name]}）」或「${c.name}（P08）」。`);
  });

  it('refuses a 工号 that belongs to someone else and names its owner', () => {
    // Prepare
    const book = town();
    setCell(book, '考勤', 'B2', '张三（P05）');

    // Act
    const result = run(book);

    // Assess
    expect(errors(result)).toEqual([
      { sheet: '考勤', cell: 'B2', severity: 'error', code: 'unknown_person', message: '人员「张三（P05）」不存在（工号「P05」是「李四」的工号），是否为「张三（P04）」？' },
    ]);
  });

  it('approves a leave by the 组长 written with his 工号 and refuses another group\'s 组长 however written', () => {
    // Prepare
    const book = town();
    setCell(book, '请假', 'F2', '赵组长（P06）');

    // Act
    const result = run(book);

    // Assess
    expect(result.leaves[0]).toMatchObject({ valid: false, reason: '组长审批「赵组长」不是本组组长「王组长」，也不是「同意」「√」「是」' });
  });
});
