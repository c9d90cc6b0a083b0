/**
 * What the pane does outside React, per host: in Excel the open workbook and the document's
 * settings; in the browser a dropped file and localStorage. The API client and sign-in are the
 * same in both.
 */
import type { Workbook } from 'exceljs';
import { createAccountsApi, type AccountsApi } from '../api/accounts.js';
import { createApiClient, createTransport, type ApiClient, type ApiClientOptions } from '../api/client.js';
import { createAuth, type Auth } from '../auth/auth.js';
import { browserSettings, documentSettings, type Settings, type SettingsStore } from '../common/settings.js';
import type { WorkbookPort } from '../common/assessment.js';
import { type OutcomeChannel, outcomeChannel } from '../common/lastOutcome.js';

export type HostMode = 'office' | 'browser';

export interface Services {
  mode: HostMode;
  settings: SettingsStore;
  auth: Auth;
  api: ApiClient;
  /** Where the ribbon leaves its latest run for the pane of this workbook (Excel only). */
  outcomes?: OutcomeChannel;
  /** The town's accounts (the 秘书's 账号 tab). */
  accounts: AccountsApi;
  /** The open workbook (Excel); the browser mode makes its port from the dropped file. */
  officePort?: () => WorkbookPort;
  /** Opens the sheet of an issue and selects its cell (Excel only). */
  selectCell?: (sheet: string, cell: string) => Promise<boolean>;
  /** 初始化模板: adds the missing input sheets (Excel only). */
  addTemplateSheets?: () => Promise<string[]>;
  /** The empty template workbook, for the browser mode's download. */
  templateWorkbook: () => Promise<Workbook>;
}

/** Wires the services of a host; everything reads the settings as last saved. */
export async function createServices(mode: HostMode): Promise<Services> {
  const settings = mode === 'office' ? documentSettings() : browserSettings();
  let current: Settings = settings.load();
  const store: SettingsStore = {
    load: () => current,
    save: async (next) => {
      await settings.save(next);
      current = next;
    },
  };
  // Tokens are kept per document where the host partitions storage (Excel on the web, new Outlook …).
  const partition = mode === 'office' ? Office.context.partitionKey : undefined;
  const auth = createAuth({ host: mode, apiUrl: () => current.apiUrl, partition });
  const transport: ApiClientOptions = { baseUrl: () => current.apiUrl, token: (options) => auth.token(options) };
  const api = createApiClient(transport);
  const accounts = createAccountsApi(createTransport(transport));
  const templateWorkbook = async () => (await import('../../../scripts/templateWorkbook.js')).buildTemplateWorkbook();
  if (mode === 'browser') return { mode, settings: store, auth, api, accounts, templateWorkbook };
  const workbook = await import('../workbook/writeSheets.js');
  const { officeWorkbook } = await import('../workbook/officeWorkbook.js');
  return {
    mode,
    settings: store,
    auth,
    api,
    outcomes: outcomeChannel(),
    accounts,
    officePort: officeWorkbook,
    selectCell: workbook.selectCell,
    addTemplateSheets: async () => workbook.addMissingInputSheets(await templateWorkbook()),
    templateWorkbook,
  };
}
