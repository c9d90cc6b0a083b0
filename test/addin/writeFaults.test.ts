import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type RibbonDeps, runRibbonCommand } from '../../addin/src/commands/ribbon.js';
import type { ApiClient } from '../../addin/src/api/client.js';
import { describeFailure } from '../../addin/src/common/failure.js';
import { officeWorkbook } from '../../addin/src/workbook/officeWorkbook.js';
import { isTempName, newRunId, replaceSheets, STALE_MINUTES } from '../../addin/src/workbook/writeSheets.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import { FakeExcel } from './excelFake.js';
import { engineApi, exampleGrids, HOSTS, installOffice } from './officeHarness.js';

const SHEETS = ['考核结果-村', '经费发放', '校验问题'];
const ALL = RESULT_SHEETS.join('、');

/** Result sheets of one run, told apart by `tag`: a title merged over two cells, a frozen row and a value per sheet. */
function results(tag: 'old' | 'new'): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  SHEETS.forEach((name, i) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.getCell('A1').value = `${name}·${tag}`;
    sheet.mergeCells('A1:B1');
    sheet.getCell('A2').value = tag === 'old' ? i : 100 + i;
  });
  return workbook;
}

const valuesOf = (fake: FakeExcel) => Object.fromEntries(SHEETS.map((n) => [n, fake.values(n)]));

/** A workbook holding an input sheet and the results of an earlier run. */
async function withOldResults(host = HOSTS[0]!): Promise<FakeExcel> {
  const fake = FakeExcel.fromGrids([{ name: '参数', origin: 'A1', values: [['乡镇', '花桥街镇']] }]);
  installOffice(fake, host);
  await replaceSheets(results('old'));
  return fake;
}

/** The commands of a clean write over earlier results on `host`, as the fake received them, and what they wrote. */
async function cleanWrite(host: (typeof HOSTS)[number]) {
  const fake = await withOldResults(host);
  const commands: { set?: string; value?: unknown }[] = [];
  fake.beforeCommand = (d) => void commands.push(d as { set?: string; value?: unknown });
  await replaceSheets(results('new'));
  // The swap begins where the first earlier result is renamed aside; a sheet is placed where its new version takes its name.
  const swapStart = commands.findIndex((c) => c.set === 'name' && String(c.value).startsWith('~旧'));
  const placedAt = new Map(SHEETS.map((n) => [n, commands.findIndex((c) => c.set === 'name' && c.value === n)]));
  return { commands, newValues: valuesOf(fake), swapStart, placedAt };
}

describe.each(HOSTS)('writing result sheets with a failure at every command, on $label', (host) => {
  it('has checks, repairs, drawing and a swap to break', async () => {
    // Act
    const { commands, swapStart, placedAt } = await cleanWrite(host);

    // Assess
    expect(commands.length).toBeGreaterThan(30);
    expect(swapStart).toBeGreaterThan(0);
    expect([...placedAt.values()].every((i) => i > swapStart)).toBe(true);
  });

  it('leaves every result sheet entirely old or entirely new, no temporary sheet, and says exactly which', async () => {
    const { commands, newValues, swapStart, placedAt } = await cleanWrite(host);
    for (let k = 0; k < commands.length; k++) {
      // Prepare
      const fake = await withOldResults(host);
      const oldValues = valuesOf(fake);
      const input = fake.values('参数');
      let seen = 0;
      fake.failWhen = () => seen++ === k;

      // Act
      const failure = await replaceSheets(results('new')).then(
        () => null,
        (error: unknown) => describeFailure(error),
      );

      // Assess
      const replaced = k < swapStart ? [] : SHEETS.filter((n) => placedAt.get(n)! < k);
      const kept = SHEETS.filter((n) => !replaced.includes(n));
      const expected =
        kept.length === 0
          ? null
          : {
              title: '写入结果未完成',
              message:
                replaced.length === 0
                  ? `写入结果工作表时 Excel 报错（GeneralException）。保持上次的结果：${SHEETS.join('、')}。结果工作表均未改动。请稍后重新运行。`
                  : `写入结果工作表时 Excel 报错（GeneralException）。已写入本次结果：${replaced.join('、')}。` +
                    `保持上次的结果：${kept.join('、')}。各结果表现在不是同一次计算的结果，请重新运行。`,
            };
      expect({ k, failure }).toEqual({ k, failure: expected });
      for (const name of SHEETS) {
        const wanted = (replaced.includes(name) || !expected ? newValues : oldValues)[name];
        expect({ k, name, values: fake.values(name) }).toEqual({ k, name, values: wanted });
        expect(fake.sheet(name)!.visibility).toBe('Visible');
      }
      expect(fake.sheets.filter((s) => isTempName(s.name))).toEqual([]);
      expect(fake.values('参数')).toEqual(input);
    }
  });
});

/** An API answering with the engine after `during` ran: what a user or co-author does while the service computes. */
function apiWith(during: () => void): ApiClient {
  const api = engineApi();
  return {
    ...api,
    compute: async (request) => {
      during();
      return api.compute(request);
    },
  };
}

function ribbon(api: ApiClient) {
  const notices: { title: string; message: string }[] = [];
  const deps: RibbonDeps = {
    port: officeWorkbook(),
    api,
    settings: { town: '', month: '' },
    notify: async (title, message) => void notices.push({ title, message }),
    handOver: async () => undefined,
  };
  return { deps, notices, event: { completed: () => undefined } };
}

/** The example with the results of a first 计算考核 in it. */
async function computedExample(host: (typeof HOSTS)[number]): Promise<FakeExcel> {
  const fake = FakeExcel.fromGrids(exampleGrids());
  installOffice(fake, host);
  const { deps, event } = ribbon(engineApi());
  await runRibbonCommand('compute', event, deps);
  return fake;
}

describe.each(HOSTS)('计算考核 while someone else acts, on $label', async (host) => {
  const fresh = await computedExample(host);
  const newFunds = fresh.values('经费发放');

  it('writes 经费发放 anew when the user deleted it during the API call', async () => {
    // Prepare
    const fake = await computedExample(host);
    const { deps, notices, event } = ribbon(apiWith(() => fake.sheets.splice(fake.sheets.indexOf(fake.sheet('经费发放')!), 1)));

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(notices).toEqual([]);
    expect(fake.values('经费发放')).toEqual(newFunds);
    expect(fake.sheets.filter((s) => isTempName(s.name))).toEqual([]);
  });

  it('keeps the user’s renamed copy and adds 经费发放 anew when the user renamed it during the API call', async () => {
    // Prepare
    const fake = await computedExample(host);
    const before = fake.values('经费发放');
    const { deps, notices, event } = ribbon(apiWith(() => void (fake.sheet('经费发放')!.name = '经费发放（留底）')));

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(notices).toEqual([]);
    expect(fake.values('经费发放（留底）')).toEqual(before);
    expect(fake.values('经费发放')).toEqual(newFunds);
  });

  it('replaces a result sheet the user protected (sheet protection does not stop deleting it)', async () => {
    // Prepare
    const fake = await computedExample(host);
    const { deps, notices, event } = ribbon(apiWith(() => void (fake.sheet('经费发放')!.protected = true)));

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(notices).toEqual([]);
    expect(fake.sheet('经费发放')!.protected).toBe(false);
  });

  it('writes nothing and says why when the user protected the workbook structure during the API call', async () => {
    // Prepare
    const fake = await computedExample(host);
    const before = fake.snapshot();
    const { deps, notices, event } = ribbon(apiWith(() => void (fake.structureProtected = true)));

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(fake.snapshot()).toEqual(before);
    expect(notices).toEqual([
      {
        title: '无法写入本工作簿',
        message:
          '本工作簿的结构受保护（审阅 → 保护工作簿），不能添加、删除或重命名工作表，因此无法写入结果。请先撤销工作簿保护，再重新运行。工作簿未作任何改动。',
      },
    ]);
  });

  it('says exactly what happened when the user deletes 经费发放 in the middle of the swap', async () => {
    // Prepare
    const fake = await computedExample(host);
    const { deps, notices, event } = ribbon(engineApi());
    fake.beforeCommand = (d) => {
      const command = d as { set?: string; value?: unknown };
      const funds = fake.sheet('经费发放');
      // Just before the add-in puts the old 经费发放 aside, the user deletes it.
      if (command.set === 'name' && String(command.value).endsWith('~经费发放') && String(command.value).startsWith('~旧') && funds) {
        fake.sheets.splice(fake.sheets.indexOf(funds), 1);
      }
    };

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(notices).toEqual([
      {
        title: '写入结果未完成',
        message:
          '写入结果工作表时 Excel 报错（ItemNotFound）。已写入本次结果：考核结果-村、考核结果-组、责任分解。保持上次的结果：通报、村考核明细、校验问题。' +
          '未写入：经费发放。各结果表现在不是同一次计算的结果，请重新运行。',
      },
    ]);
    expect(fake.sheet('经费发放')).toBeUndefined();
    expect(fake.sheets.filter((s) => isTempName(s.name))).toEqual([]);
    expect(fake.sheets.every((s) => s.visibility === 'Visible')).toBe(true);
  });

  it('writes nothing when another workbook takes the focus during the API call, and says so', async () => {
    // Prepare
    const fake = await computedExample(host);
    const before = fake.snapshot();
    const { deps, notices, event } = ribbon(apiWith(() => void (fake.focusElsewhere = true)));

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(fake.snapshot()).toEqual(before);
    expect(notices).toEqual([
      {
        title: '写入结果未完成',
        message: `写入结果工作表时 Excel 报错（GeneralException）。保持上次的结果：${ALL}。结果工作表均未改动。请稍后重新运行。`,
      },
    ]);
  });
});

describe('preconditions and repairs', () => {
  it('writes nothing into a workbook opened read-only', async () => {
    // Prepare
    const fake = await computedExample(HOSTS[0]!);
    fake.readOnly = true;
    const before = fake.snapshot();
    const { deps, notices, event } = ribbon(engineApi());

    // Act
    await runRibbonCommand('compute', event, deps);

    // Assess
    expect(fake.snapshot()).toEqual(before);
    expect(notices).toEqual([
      {
        title: '无法写入本工作簿',
        message:
          '本工作簿以只读方式打开（可能另一位同事正在共享文件夹中打开这个文件），无法写入结果。请等对方关闭后重新打开，或另存一份后再运行。工作簿未作任何改动。',
      },
    ]);
  });

  it('stops at the probe in a legacy shared workbook, and a second run adds nothing more', async () => {
    // Prepare
    const fake = await computedExample(HOSTS[5]!);
    fake.legacyShared = true;
    const names = fake.sheets.map((s) => s.name);
    const { deps, notices, event } = ribbon(engineApi());

    // Act
    await runRibbonCommand('compute', event, deps);
    await runRibbonCommand('compute', event, deps);

    // Assess
    const extra = fake.sheets.filter((s) => !names.includes(s.name));
    expect(extra).toHaveLength(1);
    expect(extra[0]!.visibility).toBe('Hidden');
    expect(RESULT_SHEETS.every((n) => fake.sheet(n)?.visibility === 'Visible')).toBe(true);
    const shared =
      '本工作簿是旧式“共享工作簿”，Excel 不允许在其中删除工作表、合并单元格、设置条件格式、数据验证或图表，无法写入结果。' +
      '请先取消共享（审阅 → 共享工作簿（旧版）），或把文件存到 OneDrive/SharePoint 后多人共同编辑，再重新运行。';
    expect(notices).toEqual([
      { title: '无法写入本工作簿', message: `${shared}留下了一张隐藏的空白工作表 ${extra[0]!.name}，取消共享后下次运行时会自动删除。` },
      { title: '无法写入本工作簿', message: `${shared}留下了一张隐藏的空白工作表 ${extra[0]!.name}，取消共享后下次运行时会自动删除。` },
    ]);
  });

  it('names the temporary sheets Excel would not delete, and the next run removes them', async () => {
    // Prepare
    const fake = await withOldResults(HOSTS[3]!);
    const oldValues = valuesOf(fake);
    // Focus goes to another workbook while the new sheets are drawn: freezing their panes and the cleanup fail.
    fake.beforeCommand = (d) => {
      if (JSON.stringify(d).includes('freezePanes')) fake.focusElsewhere = true;
    };

    // Act
    const first = await replaceSheets(results('new')).catch((error: unknown) => describeFailure(error));
    const leftovers = fake.sheets.filter((s) => isTempName(s.name)).map((s) => s.name);
    fake.beforeCommand = null;
    fake.focusElsewhere = false;
    await replaceSheets(results('new'));

    // Assess
    expect(leftovers).toHaveLength(3);
    expect(first).toEqual({
      title: '写入结果未完成',
      message:
        `写入结果工作表时 Excel 报错（GeneralException）。保持上次的结果：${SHEETS.join('、')}。结果工作表均未改动。` +
        `隐藏的临时工作表 ${leftovers.join('、')} 未能删除，下次运行时会自动清理。请稍后重新运行。`,
    });
    expect(valuesOf(fake)).not.toEqual(oldValues);
    expect(fake.sheets.filter((s) => isTempName(s.name))).toEqual([]);
  });

  it('never deletes another run’s recent temporary sheets, and removes stale ones', async () => {
    // Prepare
    const fake = await withOldResults(HOSTS[5]!);
    const now = Date.now();
    const running = `~新${newRunId(now - 60_000)}0~经费发放`;
    const stale = `~新${newRunId(now - (STALE_MINUTES + 5) * 60_000)}0~经费发放`;
    for (const name of [running, stale]) fake.addSheet(name).visibility = 'Hidden';

    // Act
    await replaceSheets(results('new'), { now });

    // Assess
    expect(fake.sheet(running)).toBeDefined();
    expect(fake.sheet(stale)).toBeUndefined();
  });

  it('gives two runs started in the same minute different temporary names', () => {
    // Act
    const ids = new Set(Array.from({ length: 50 }, () => newRunId(Date.UTC(2026, 0, 1))));

    // Assess
    expect(ids.size).toBeGreaterThan(45);
    expect([...ids].every((id) => id.startsWith(newRunId(Date.UTC(2026, 0, 1), () => 0).slice(0, 5)))).toBe(true);
  });
});
