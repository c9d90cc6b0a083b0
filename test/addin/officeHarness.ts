/**
 * Puts the Excel fake behind the `Excel` global and an `Office` beside it that answers
 * `isSetSupported` as a given Excel host does, and offers an API client that answers with the
 * real engine, as the service would.
 */
import ExcelJS from 'exceljs';
import { ApiError, type ApiClient } from '../../addin/src/api/client.js';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { buildExampleWorkbook } from '../../scripts/exampleWorkbook.js';
import { FakeExcel } from './excelFake.js';

/**
 * An Excel host as Microsoft's requirement-set tables describe it: the highest version of each
 * set it supports. ExcelApi: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets ;
 * SharedRuntime, DialogApi and NestedAppAuth: the common requirement-set pages under
 * https://learn.microsoft.com/javascript/api/requirement-sets/common/ .
 */
export interface ExcelHost {
  key: string;
  /** Chinese name, for test titles and the report. */
  label: string;
  platform: 'PC' | 'Mac' | 'OfficeOnline';
  /** Highest version of each supported set; `Infinity` for Excel on the web's "all". */
  sets: Record<string, number>;
}

/** Requirement-set versions compared as numbers: 1.10 is above 1.9. */
const version = (text: string): number => {
  const [major = '0', minor = '0'] = text.split('.');
  return Number(major) * 1000 + Number(minor);
};

export const HOSTS: readonly ExcelHost[] = [
  // Volume-licensed Excel 2019 always uses the IE11 webview; only ExcelApi 1.7 and DialogApi 1.1.
  { key: 'excel2019', label: 'Excel 2019（批量许可）', platform: 'PC', sets: { ExcelApi: version('1.7'), DialogApi: version('1.1') } },
  {
    key: 'excel2021',
    label: 'Excel LTSC 2021',
    platform: 'PC',
    sets: { ExcelApi: version('1.14'), DialogApi: version('1.2'), SharedRuntime: version('1.1') },
  },
  {
    key: 'excel2024',
    label: 'Excel LTSC 2024',
    platform: 'PC',
    sets: { ExcelApi: version('1.17'), DialogApi: version('1.2'), SharedRuntime: version('1.1') },
  },
  ...(['PC', 'Mac'] as const).map((platform) => ({
    key: `m365-${platform === 'PC' ? 'windows' : 'mac'}`,
    label: `Microsoft 365（${platform === 'PC' ? 'Windows' : 'Mac'}）`,
    platform,
    sets: { ExcelApi: version('1.21'), DialogApi: version('1.2'), SharedRuntime: version('1.1'), NestedAppAuth: version('1.1') },
  })),
  // Excel on the web supports every set; nested app authentication only for files on SharePoint or OneDrive.
  {
    key: 'web',
    label: 'Excel 网页版（OneDrive/SharePoint）',
    platform: 'OfficeOnline',
    sets: { ExcelApi: Infinity, DialogApi: Infinity, SharedRuntime: Infinity, NestedAppAuth: Infinity },
  },
];

export const hostByKey = (key: string): ExcelHost => HOSTS.find((h) => h.key === key)!;

/** What the installed `Office` recorded: panes opened, dialogs shown, actions registered. */
export interface OfficeRecord {
  host: ExcelHost;
  settings: Map<string, unknown>;
  /** Settings as saved into the document (saveAsync), which another runtime sees after refreshAsync. */
  saved: Map<string, unknown>;
  panesOpened: number;
  dialogs: string[];
  actions: Map<string, (event: { completed(): void }) => unknown>;
}

/**
 * Installs `fake` as the `Excel` global and an `Office` of `host` (default Excel on the web, the
 * one host with the 5 MB limit): `isSetSupported` per the host's table, `Office.addin.showAsTaskpane` only with
 * SharedRuntime 1.1, document settings, `document.mode` (read-only when the fake is), a dialog
 * that records its URL and closes at once. Excel on the web keeps the fake's 5 MB limit.
 */
export function installOffice(fake: FakeExcel, host: ExcelHost = hostByKey('web')): OfficeRecord {
  const record: OfficeRecord = { host, settings: new Map(), saved: new Map(), panesOpened: 0, dialogs: [], actions: new Map() };
  fake.payloadLimited = host.platform === 'OfficeOnline';
  fake.apiVersion = host.sets.ExcelApi ?? 0;
  // notice.html is found beside the page, as in the add-in.
  Object.assign(globalThis, { location: new URL('https://localhost:3000/taskpane.html') });
  const supports = (name: string, min = '1.1') => (host.sets[name] ?? 0) >= version(min);
  const succeeded = { status: 'succeeded' };
  const office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    DocumentMode: { ReadOnly: 'readOnly', ReadWrite: 'readWrite' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: host.platform }),
    context: {
      platform: host.platform,
      requirements: { isSetSupported: supports },
      document: {
        get mode() {
          return fake.readOnly ? 'readOnly' : 'readWrite';
        },
        settings: {
          get: (key: string) => record.settings.get(key) ?? null,
          set: (key: string, value: unknown) => void record.settings.set(key, value),
          remove: (key: string) => void record.settings.delete(key),
          saveAsync: (callback?: (result: typeof succeeded) => void) => {
            for (const [k, v] of record.settings) record.saved.set(k, v);
            callback?.(succeeded);
          },
          refreshAsync: (callback?: (result: typeof succeeded) => void) => {
            record.settings.clear();
            for (const [k, v] of record.saved) record.settings.set(k, v);
            callback?.(succeeded);
          },
        },
      },
      ui: {
        displayDialogAsync: (url: string, _options: unknown, callback: (result: unknown) => void) => {
          record.dialogs.push(url);
          const handlers: ((arg: unknown) => void)[] = [];
          callback({ status: 'succeeded', value: { close: () => undefined, addEventHandler: (_type: string, h: (arg: unknown) => void) => void handlers.push(h) } });
          // The user reads the notice and clicks 确定.
          queueMicrotask(() => handlers[0]?.({ message: 'close' }));
        },
      },
    },
    ...(supports('SharedRuntime')
      ? {
          addin: {
            showAsTaskpane: () => {
              record.panesOpened += 1;
              return Promise.resolve();
            },
          },
        }
      : {}),
    actions: {
      associate: (name: string, action: (event: { completed(): void }) => unknown) => void record.actions.set(name, action),
    },
  };
  Object.assign(globalThis, { Excel: { run: fake.run }, Office: office });
  return record;
}

/** A fresh example workbook as grids (the values Excel would hold). */
export const exampleGrids = (edit?: (wb: ExcelJS.Workbook) => void): Grid[] => {
  const workbook = buildExampleWorkbook();
  edit?.(workbook);
  return workbookToGrids(workbook);
};

/** An API client that runs the engine in-process, counting its calls; `fail` makes every call fail. */
export function engineApi(fail?: ApiError): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const answer = async (action: string, grids: Grid[], month?: string) => {
    calls.push(action);
    if (fail) throw fail;
    return { result: compute(grids, month ? { month } : {}), runId: null, finalized: false };
  };
  return {
    calls,
    validate: ({ grids, month }) => answer('validate', grids, month),
    compute: ({ grids, month }) => answer('compute', grids, month),
    finalize: () => Promise.reject(new Error('not used')),
    openCorrection: () => Promise.reject(new Error('not used')),
    month: () => Promise.resolve(null),
    history: () => Promise.resolve([]),
  };
}

/** A network failure as the API client reports it. */
export const networkDown = (): ApiError =>
  new ApiError(0, 'network', '无法连接考核服务（https://localhost:3000），请检查网络或在设置中核对服务地址。');
