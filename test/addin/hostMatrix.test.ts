import { describe, expect, it } from 'vitest';
import { type AccountsApi, createAccountsApi } from '../../addin/src/api/accounts.js';
import type { Auth } from '../../addin/src/auth/auth.js';
import { registerRibbon } from '../../addin/src/commands/main.js';
import { RIBBON_FUNCTIONS } from '../../addin/src/commands/functionNames.js';
import { documentChannel, outcomeChannel } from '../../addin/src/common/lastOutcome.js';
import { documentSettings } from '../../addin/src/common/settings.js';
import type { Services } from '../../addin/src/taskpane/services.js';
import { officeWorkbook } from '../../addin/src/workbook/officeWorkbook.js';
import { addMissingInputSheets, selectCell } from '../../addin/src/workbook/writeSheets.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import { plantMistakes } from '../../scripts/exampleWorkbook.js';
import { buildTemplateWorkbook } from '../../scripts/templateWorkbook.js';
import { FakeExcel } from './excelFake.js';
import { engineApi, exampleGrids, HOSTS, installOffice, type OfficeRecord } from './officeHarness.js';

// The ribbon flows under test need a token only; sign-in itself is tested in signInForms/session tests.
const noAuth: Auth = {
  kind: 'entra',
  token: async () => 'token',
  signIn: async () => ({ name: 'dev' }),
  user: () => null,
  subscribe: () => () => undefined,
};

/** No ribbon flow touches the 账号 tab: every call fails loudly. */
const noAccounts: AccountsApi = createAccountsApi(async () => {
  throw new Error('the host matrix does not manage accounts');
});

/** The page's services as createServices wires them in Excel, with the engine for the API. */
function officeServices(): Services {
  return {
    mode: 'office',
    settings: documentSettings(),
    auth: noAuth,
    api: engineApi(),
    accounts: noAccounts,
    outcomes: outcomeChannel(),
    officePort: officeWorkbook,
    selectCell,
    addTemplateSheets: async () => addMissingInputSheets(buildTemplateWorkbook()),
    templateWorkbook: async () => buildTemplateWorkbook(),
  };
}

/** Clicks a ribbon button as Office does: the registered action, resolved once `completed()` is called. */
function click(office: OfficeRecord, name: string): Promise<number> {
  let completed = 0;
  return new Promise((resolve) => {
    void office.actions.get(name)!({
      completed: () => {
        completed += 1;
        queueMicrotask(() => resolve(completed));
      },
    });
  });
}

/** The title of every notice dialog opened, from its URL. */
const noticeTitles = (office: OfficeRecord): string[] =>
  office.dialogs.map((url) => new URL(url).searchParams.get('title') ?? '');

describe.each(HOSTS)('on $label', (host) => {
  const shared = (host.sets.SharedRuntime ?? 0) > 0;

  it('registers both ribbon commands from the pane’s page', () => {
    // Prepare
    const office = installOffice(FakeExcel.fromGrids(exampleGrids()), host);

    // Act
    registerRibbon(Promise.resolve(officeServices()));

    // Assess
    expect([...office.actions.keys()]).toEqual(Object.values(RIBBON_FUNCTIONS));
  });

  it('计算考核 writes every result sheet, completes once and leaves the run for this workbook’s pane', async () => {
    // Prepare
    const grids = exampleGrids();
    const fake = FakeExcel.fromGrids(grids);
    const office = installOffice(fake, host);
    const services = officeServices();
    registerRibbon(Promise.resolve(services));

    // Act
    const completed = await click(office, RIBBON_FUNCTIONS.compute);

    // Assess
    expect(completed).toBe(1);
    expect(office.dialogs).toEqual([]);
    expect(fake.sheets.map((s) => s.name)).toEqual([...grids.map((g) => g.name), ...RESULT_SHEETS]);
    expect(fake.activeSheet).toBe('考核结果-村');
    expect(services.outcomes!.load()?.view).toBe('results');
    // Only without a shared runtime does the run go into the document (and only this document).
    expect(office.saved.has('kh.lastOutcome')).toBe(!shared);
  });

  it('校验 of a broken workbook writes 校验问题 and opens the pane on it, or says how to open it', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids((wb) => void plantMistakes(wb)));
    const office = installOffice(fake, host);
    registerRibbon(Promise.resolve(officeServices()));
    // The pane of this workbook, already open in its own runtime where there is no shared one.
    const pane = documentChannel(Office.context.document.settings);
    const seen: string[] = [];
    pane.subscribe((stored) => seen.push(stored.view));

    // Act
    const completed = await click(office, RIBBON_FUNCTIONS.validate);
    await pane.refresh();

    // Assess
    expect(completed).toBe(1);
    expect(fake.sheet('校验问题')?.visibility).toBe('Visible');
    expect(office.panesOpened).toBe(shared ? 1 : 0);
    expect(noticeTitles(office)).toEqual(shared ? [] : ['数据有错误']);
    expect(seen).toEqual(shared ? [] : ['issues']);
  });

  it('初始化模板 adds the input sheets, with dropdowns only where ExcelApi 1.8 exists', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids().filter((g) => g.name === '参数'));
    installOffice(fake, host);

    // Act
    const added = await officeServices().addTemplateSheets!();

    // Assess
    // Every input sheet of the template but 参数, which the workbook has: 13 with 申诉.
    expect(added).toHaveLength(13);
    const dropdowns = fake.sheets.flatMap((s) => s.log).filter((e) => e.path === 'dataValidation.rule');
    expect(dropdowns.length > 0).toBe(host.sets.ExcelApi! >= 1008);
  });

  it('selects the cell of an issue', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake, host);

    // Act
    const found = await officeServices().selectCell!('考勤', 'C4');

    // Assess
    expect(found).toBe(true);
    expect(fake.selection).toEqual({ sheet: '考勤', address: 'C4' });
  });
});
