/**
 * Puts the Excel fake behind the `Excel` global and an office-addin-mock `Office` beside it,
 * and offers an API client that answers with the real engine, as the service would.
 */
import ExcelJS from 'exceljs';
import { OfficeMockObject } from 'office-addin-mock';
import { ApiError, type ApiClient } from '../../addin/src/api/client.js';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { workbookToGrids } from '../../functions/src/workbook/readWorkbook.js';
import { buildExampleWorkbook } from '../../scripts/exampleWorkbook.js';
import { FakeExcel } from './excelFake.js';

/** Installs `fake` as the `Excel` global and a mocked `Office` that supports every requirement set. */
export function installOffice(fake: FakeExcel): void {
  const office = new OfficeMockObject({
    context: { requirements: { isSetSupported: () => true } },
  });
  Object.assign(globalThis, { Excel: { run: fake.run }, Office: office });
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
