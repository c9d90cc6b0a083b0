import { describe, expect, it } from 'vitest';
import { FakeExcel, LIMIT_BYTES, READ_CELL_LIMIT } from './excelFake.js';
import { hostByKey, installOffice } from './officeHarness.js';

/** Runs one batch on `fake` and answers Excel's error code, or 'ok'. */
async function attempt(fake: FakeExcel, batch: (context: Excel.RequestContext) => void): Promise<string> {
  try {
    await Excel.run(async (context) => {
      batch(context);
      await context.sync();
    });
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const twoSheets = () => FakeExcel.fromGrids([{ name: '参数', origin: 'A1', values: [['乡镇']] }, { name: '村', origin: 'A1', values: [['村名']] }]);

describe('the Excel fake refuses what Excel refuses', () => {
  it.each([
    ['a name over 31 characters', 'x'.repeat(32)],
    ['a colon', '考核:结果'],
    ['a slash', '考核/结果'],
    ['a backslash', '考核\\结果'],
    ['a question mark', '考核?'],
    ['an asterisk', '考核*'],
    ['a bracket', '[考核]'],
    ['a blank name', ' '],
  ])('refuses a sheet name with %s', async (_what, name) => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake);

    // Act
    const added = await attempt(fake, (c) => void c.workbook.worksheets.add(name));
    const renamed = await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').name = name));

    // Assess
    expect([added, renamed]).toEqual(['InvalidArgument', 'InvalidArgument']);
    expect(fake.sheets.map((s) => s.name)).toEqual(['参数', '村']);
  });

  it('refuses a name that differs from another sheet’s only in case, and takes 31 characters', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids([{ name: 'Data', origin: 'A1', values: [['x']] }]);
    installOffice(fake);

    // Act
    const duplicate = await attempt(fake, (c) => void c.workbook.worksheets.add('DATA'));
    const longest = await attempt(fake, (c) => void c.workbook.worksheets.add('y'.repeat(31)));

    // Assess
    expect([duplicate, longest]).toEqual(['ItemAlreadyExists', 'ok']);
  });

  it('refuses to delete or hide the last visible sheet, and to delete a very hidden one', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake);
    fake.sheet('村')!.visibility = 'VeryHidden';

    // Act
    const deleteLast = await attempt(fake, (c) => c.workbook.worksheets.getItem('参数').delete());
    const hideLast = await attempt(fake, (c) => void (c.workbook.worksheets.getItem('参数').visibility = 'Hidden'));
    const deleteVeryHidden = await attempt(fake, (c) => c.workbook.worksheets.getItem('村').delete());

    // Assess
    expect([deleteLast, hideLast, deleteVeryHidden]).toEqual(['InvalidOperation', 'InvalidOperation', 'InvalidOperation']);
    expect(fake.sheets).toHaveLength(2);
  });

  it('refuses every structure change under workbook protection, and cell edits on a protected sheet', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake);
    fake.structureProtected = true;

    // Act
    const codes = [
      await attempt(fake, (c) => void c.workbook.worksheets.add('新表')),
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').delete()),
      await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').name = '村庄')),
      await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').visibility = 'Hidden')),
    ];
    fake.structureProtected = false;
    fake.sheet('村')!.protected = true;
    codes.push(await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').getRange('A1').values = [['x']])));

    // Assess
    expect(codes).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied']);
    expect(fake.values('村')).toEqual([['村名']]);
  });

  it('fails add, activate, select and freezing with GeneralException and delete with InvalidSelection while another workbook has the focus', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake);
    fake.focusElsewhere = true;

    // Act
    const codes = [
      await attempt(fake, (c) => void c.workbook.worksheets.add('新表')),
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').activate()),
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').getRange('A1').select()),
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').freezePanes.freezeRows(1)),
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').delete()),
      await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').name = '村庄')),
    ];

    // Assess
    expect(codes).toEqual(['GeneralException', 'GeneralException', 'GeneralException', 'GeneralException', 'InvalidSelection', 'ok']);
  });

  it('refuses in a legacy shared workbook what such a workbook forbids', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake);
    fake.legacyShared = true;
    const range = (c: Excel.RequestContext) => c.workbook.worksheets.getItem('村').getRange('A1:B1');

    // Act
    const codes = [
      await attempt(fake, (c) => c.workbook.worksheets.getItem('村').delete()),
      await attempt(fake, (c) => range(c).merge()),
      await attempt(fake, (c) => void range(c).conditionalFormats.add('DataBar')),
      await attempt(fake, (c) => void (range(c).dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThan' } })),
      await attempt(fake, (c) => void c.workbook.worksheets.getItem('村').charts.add('BarClustered', range(c), 'Columns')),
      await attempt(fake, (c) => void c.workbook.worksheets.add('新表')),
    ];

    // Assess
    expect(codes).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied', 'ok']);
  });

  it('limits requests to 5 MB on the web only, counted as the UTF-8 bytes of the JSON sent', async () => {
    // Prepare: 2 000 rows of a 3 000-byte text
    const rows = Array.from({ length: 2000 }, (_, i) => [`${'考核'.repeat(500)}${i}`]);
    const write = (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem('村').getRange('A1:A2000').values = rows);
    const web = twoSheets();
    installOffice(web, hostByKey('web'));
    const webCode = await attempt(web, write);
    const desktop = twoSheets();
    installOffice(desktop, hostByKey('m365-windows'));

    // Act
    const desktopCode = await attempt(desktop, write);

    // Assess
    expect(web.syncs[0]!.requestBytes).toBeGreaterThan(LIMIT_BYTES);
    expect([webCode, desktopCode]).toEqual(['RequestPayloadSizeLimitExceeded', 'ok']);
  });

  it('refuses to read more than 5 000 000 cells at once, on every host', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake, hostByKey('m365-windows'));

    // Act
    const over = await attempt(fake, (c) => void c.workbook.worksheets.getItem('村').getRange('A1:E1000001').load('values'));
    const at = await attempt(fake, (c) => void c.workbook.worksheets.getItem('村').getRange('A1:E1000000').load('rowCount'));

    // Assess
    expect(5 * 1_000_001).toBeGreaterThan(READ_CELL_LIMIT);
    expect([over, at]).toEqual(['ResponsePayloadSizeLimitExceeded', 'ok']);
  });

  it('has no member above the host’s ExcelApi version', async () => {
    // Prepare
    const fake = twoSheets();
    installOffice(fake, hostByKey('excel2019'));

    // Act
    const codes = [
      await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').getRange('A1').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThan' } })),
      await attempt(fake, (c) => void (c.workbook.worksheets.getItem('村').pageLayout.orientation = 'Landscape')),
      await attempt(fake, (c) => void c.workbook.load('readOnly')),
      await attempt(fake, (c) => void c.workbook.protection.load('protected')),
    ];

    // Assess
    expect(codes).toEqual(['ApiNotFound', 'ApiNotFound', 'ApiNotFound', 'ok']);
  });
});
