/**
 * The package reader on what real writers put into files and ExcelJS trips on or reads
 * differently: absolute relationship targets, rows and cells without `r`, inline strings,
 * phonetic runs, shared formulas with cached values, 1904-based dates, a table without a style.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openPackage } from '../../functions/src/workbook/openPackage.js';
import { isDateFormatCode, packageToGrids } from '../../functions/src/workbook/readPackage.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as a minimal writer makes it: absolute targets, the given sheet XML, styles and strings. */
async function packageOf(sheetData: string, options: { date1904?: boolean; styles?: string; strings?: string[] } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
  zip.file('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<workbook ${NS}><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="考勤" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
  );
  zip.file('xl/sharedStrings.xml', `<sst ${NS}>${(options.strings ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`);
  zip.file('xl/styles.xml', `<styleSheet ${NS}>${options.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`);
  zip.file('xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`);
  return zip.generateAsync({ type: 'uint8array' });
}

const read = async (bytes: Uint8Array) => (await packageToGrids(await openPackage(bytes)))[0]!.values;

describe('packageToGrids', () => {
  it('follows absolute targets and places rows and cells that leave out r after the previous one', async () => {
    // Prepare
    const bytes = await packageOf('<row><c t="s"><v>0</v></c><c><v>2</v></c></row><row r="3"><c r="B3" t="b"><v>1</v></c><c><v>4</v></c></row>', { strings: ['<t>日期</t>'] });

    // Act
    const values = await read(bytes);

    // Assess
    expect(values).toEqual([
      ['日期', 2, ''],
      ['', '', ''],
      ['', true, 4],
    ]);
  });

  it('reads inline strings, rich text without its phonetic runs, cached formula results and error values', async () => {
    // Prepare
    const bytes = await packageOf(
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 张三 </t></is></c><c r="B1" t="s"><v>0</v></c>' +
        '<c r="C1"><f t="shared" ref="C1:C2" si="0">A2*2</f><v>6</v></c><c r="D1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="E1" t="e"><v>#N/A</v></c></row>' +
        '<row r="2"><c r="A2"><v>3</v></c><c r="C2"><f t="shared" si="0"/><v>8</v></c><c r="D2"><f>1+1</f></c></row>',
      { strings: ['<r><t>花桥</t></r><r><t>街村</t></r><rPh sb="0" eb="2"><t>ハナ</t></rPh>'] },
    );

    // Act
    const values = await read(bytes);

    // Assess
    expect(values).toEqual([
      [' 张三 ', '花桥街村', 6, 'a&b', '#N/A'],
      [3, '', 8, '', ''],
    ]);
  });

  it('gives dates of a 1904-based workbook as serials of the 1900 system, and other numbers as they are', async () => {
    // Prepare
    const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>';
    // 2015-04-02 is 42096 in the 1900 system and 40634 in the 1904 system.
    const sheet = '<row r="1"><c r="A1" s="1"><v>40634</v></c><c r="B1" s="2"><v>40634.5</v></c><c r="C1" s="3"><v>40634</v></c><c r="D1"><v>7</v></c></row>';

    // Act
    const [in1904, in1900] = await Promise.all([read(await packageOf(sheet, { date1904: true, styles })), read(await packageOf(sheet, { styles }))]);

    // Assess
    expect(in1904).toEqual([[42096, 42096.5, 40634, 7]]);
    expect(in1900).toEqual([[40634, 40634.5, 40634, 7]]);
  });

  it('tells date formats from number formats', () => {
    // Prepare
    const codes = ['yyyy-mm-dd', '[$-804]yyyy"年"m"月"', 'h:mm', '"日期"0', '0.00_);[Red]\\(0.00\\)', '#,##0"元"', 'General'];

    // Act
    const dates = codes.map(isDateFormatCode);

    // Assess
    expect(dates).toEqual([true, true, true, false, false, false, false]);
  });

  it('reads the 1904-based workbook of the corpus at the dates Excel shows', async () => {
    // Prepare: Excel saved day 0 of the 1904 system, shown as 1904-01-01, then days 1000, 5000 …
    const file = resolve(import.meta.dirname, '../corpus/excel-made/date_1904_02.xlsx');

    // Act
    const grids = await packageToGrids(await openPackage(await readFile(file)));

    // Assess
    const days = grids[0]!.values.map((row) => new Date(Date.UTC(1899, 11, 30) + Number(row[0]) * 86_400_000).toISOString().slice(0, 10));
    expect(days.slice(0, 3)).toEqual(['1904-01-01', '1906-09-27', '1917-09-09']);
  });
});
