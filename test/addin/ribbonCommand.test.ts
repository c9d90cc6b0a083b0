import { describe, expect, it } from 'vitest';
import { RIBBON_LIMITS, type RibbonDeps, runRibbonCommand } from '../../addin/src/commands/ribbon.js';
import { officeWorkbook } from '../../addin/src/workbook/officeWorkbook.js';
import { FakeExcel } from './excelFake.js';
import { engineApi, exampleGrids, installOffice } from './officeHarness.js';

/** Limits of a command shortened to milliseconds, so that a hang shows within the test. */
const SHORT = Object.fromEntries(Object.keys(RIBBON_LIMITS).map((k) => [k, 0.05])) as typeof RIBBON_LIMITS;

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function recorder() {
  const notices: [string, string][] = [];
  const event = { calls: 0, completed: () => void event.calls++ };
  const notify = async (title: string, message: string) => void notices.push([title, message]);
  return { notices, event, notify };
}

describe('a ribbon command', () => {
  it('completes and says why when the add-in’s configuration never arrives', async () => {
    // Prepare
    installOffice(FakeExcel.fromGrids(exampleGrids()));
    const { notices, event, notify } = recorder();

    // Act
    await runRibbonCommand('compute', event, never<RibbonDeps>(), notify, SHORT);

    // Assess
    expect(event.calls).toBe(1);
    expect(notices).toEqual([['Excel 没有响应', '加载项启动超过 0.05 秒仍未完成，已停止等待。请稍后重试。']]);
  });

  it('completes when the service never answers, writing nothing', async () => {
    // Prepare
    const fake = FakeExcel.fromGrids(exampleGrids());
    installOffice(fake);
    const before = fake.snapshot();
    const { notices, event, notify } = recorder();
    const api = { ...engineApi(), compute: () => never<never>() };
    const deps: RibbonDeps = { port: officeWorkbook(), api, settings: { town: '', month: '' }, notify, handOver: async () => undefined };

    // Act
    await runRibbonCommand('compute', event, deps, notify, { ...SHORT, run: 2 });

    // Assess
    expect(event.calls).toBe(1);
    expect(fake.snapshot()).toEqual(before);
    expect(notices).toEqual([['Excel 没有响应', '计算考核超过 2 秒仍未完成，已停止等待。请稍后重试。']]);
  });

  it('completes when opening the pane and the notice both hang', async () => {
    // Prepare
    installOffice(FakeExcel.fromGrids(exampleGrids()));
    const { event } = recorder();
    const deps: RibbonDeps = {
      port: officeWorkbook(),
      api: engineApi(),
      settings: { town: '', month: '' },
      notify: () => never(),
      handOver: () => never(),
    };

    // Act
    await runRibbonCommand('validate', event, deps, undefined, { ...SHORT, run: 30 });

    // Assess
    expect(event.calls).toBe(1);
  });
});
