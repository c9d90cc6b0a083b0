import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { capIssues, omittedIssuesNote } from '../../functions/src/domain/issueCap.js';
import { emptyResult } from '../../functions/src/domain/emptyResult.js';
import type { Issue } from '../../functions/src/domain/types.js';
import { writeResultSheets } from '../../functions/src/workbook/writeResults.js';

const issue = (sheet: string, cell: string, severity: Issue['severity'], code: string): Issue => ({
  sheet,
  cell,
  severity,
  code,
  message: `${sheet}!${cell}`,
});

describe('the issue list of an answer', () => {
  it('keeps a list that fits in the engine order, with its totals', () => {
    // Prepare
    const issues = [issue('考勤', 'B9', 'warning', 'w'), issue('人员', 'A2', 'error', 'e')];

    // Act
    const listing = capIssues(issues, 2);

    // Assess
    expect(listing).toEqual({ issues, issuesTruncated: false, issueTotals: { errors: 1, warnings: 1, byCode: { w: 1, e: 1 } } });
  });

  it('cuts a longer list to errors first, then by sheet and cell (row, then column), counting all', () => {
    // Prepare
    const issues = [
      issue('考勤', 'B10', 'warning', 'w'),
      issue('考勤', 'C9', 'error', 'e'),
      issue('人员', 'A2', 'warning', 'w'),
      issue('考勤', 'AA9', 'error', 'e'),
      issue('人员', 'B3', 'error', 'x'),
      issue('考勤', 'B9', 'error', 'e'),
    ];

    // Act
    const listing = capIssues(issues, 4);

    // Assess
    expect(listing.issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['考勤!B9', '考勤!C9', '考勤!AA9', '人员!B3']);
    expect(listing.issuesTruncated).toBe(true);
    expect(listing.issueTotals).toEqual({ errors: 4, warnings: 2, byCode: { w: 2, e: 3, x: 1 } });
  });

  it('shortens messages that quote a long cell', () => {
    // Prepare
    const long = { ...issue('考勤', 'A1', 'error', 'e'), message: 'x'.repeat(40_000) };

    // Act
    const [kept] = capIssues([long]).issues;

    // Assess
    expect(kept!.message).toHaveLength(500);
    expect(kept!.message.endsWith('…')).toBe(true);
  });

  it('writes the cut list to 校验问题 with a line saying how many more and of which codes', async () => {
    // Prepare
    const issues = [
      ...Array.from({ length: 1_200 }, (_, i) => issue('考勤', `B${i + 2}`, 'error', 'unknown_person')),
      ...Array.from({ length: 30 }, (_, i) => issue('人员', `D${i + 2}`, 'warning', 'invalid_value')),
    ];
    const result = { ...emptyResult({ status: 'invalid', town: null, year: null, month: null }), ...capIssues(issues) };
    const workbook = new ExcelJS.Workbook();

    // Act
    writeResultSheets(workbook, result);
    const buffer = await workbook.xlsx.writeBuffer();
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(buffer as ArrayBuffer);
    const sheet = reread.getWorksheet('校验问题')!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));

    // Assess
    expect(result.issues).toHaveLength(1_000);
    expect(texts.filter((text) => text === '考勤')).toHaveLength(1_000);
    expect(texts.at(-1)).toBe(
      '另有 230 个问题未列出（错误 200 个、警告 30 个）：unknown_person 200 个、invalid_value 30 个。每次最多列出 1,000 个问题（错误在前），请先改正以上问题后重新校验。',
    );
    expect(omittedIssuesNote(capIssues(issues.slice(0, 10)))).toBeNull();
  });
});
