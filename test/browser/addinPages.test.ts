/**
 * The add-in's page in headless Chromium (Debian's /usr/bin/chromium) against the local stack
 * `npm start` runs (API handlers, DynamoDB Local, the built add-in): the browser mode on the
 * example workbook and its broken copy, and the task pane under an Office stub. Screenshots of
 * every state go to test/.tmp/screenshots/ (ignored by git).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { startLocalStack, type LocalStack } from '../../functions/src/server/localStack.js';
import { openPackage } from '../../functions/src/workbook/openPackage.js';
import { packageToGrids } from '../../functions/src/workbook/readPackage.js';
import { workbookToGrids, worksheetToGrid } from '../../functions/src/workbook/readWorkbook.js';
import { writeBadFiles } from '../support/badFiles.js';
import { changedParts } from '../support/packageParts.js';
import { buildExampleWorkbook, plantMistakes, type PlantedMistake } from '../../scripts/exampleWorkbook.js';
import { createSignedUpAccount, fillSignIn } from './signInSteps.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = resolve(root, 'test/.tmp/screenshots');
const TOWN = '花桥街镇';
const workbookSheets = buildExampleWorkbook().worksheets.map((ws) => ws.name);
const USER = 'dev-secretary';
/** Corpus files dropped into the browser mode: a chart, a chartsheet, comments, images, a macro workbook. */
const CORPUS_SAMPLE = ['chart_bar09.xlsx', 'chartsheet02.xlsx', 'comment03.xlsx', 'image27.xlsx', 'macro01.xlsm'];
const PASSWORD = 'Huaqiao2026';

let stack: LocalStack;
let context: BrowserContext;
let work: string;
let officeStub: string;

/** Writes a workbook to the scratch folder and returns its path. */
async function saveWorkbook(workbook: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(work, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** A screenshot of the whole page, or of the viewport while a dialog covers it. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage, animations: 'disabled' });
}

/** A page of the add-in with the given viewport; with `grids`, office.js is replaced by the Office stub holding them. */
async function openPage(width: number, grids?: Grid[], file = 'taskpane.html'): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  if (grids) {
    await page.addInitScript((g) => Object.assign(window, { __grids: g }), grids);
    await page.route('**/office/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: officeStub }));
  }
  await page.goto(`${stack.url}/${file}`);
  return page;
}

// Building the add-in, DynamoDB Local, Chromium and a few scrypt hashes: minutes on a loaded machine.
beforeAll(async () => {
  // The development build (office.js beside the pages), whose office.js the tests replace by the Office stub.
  execFileSync('npx', ['vite', 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, OFFICE_JS: 'local' },
  });
  const bundled = await build({
    entryPoints: [resolve(root, 'test/browser/officeStub.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  officeStub = bundled.outputFiles[0]!.text;
  stack = await startLocalStack({ inMemory: true, addinDir: resolve(root, 'dist/addin') });
  await createSignedUpAccount(stack, TOWN, USER, '秘书', PASSWORD);
  work = mkdtempSync(join(tmpdir(), 'addin-e2e-'));
  mkdirSync(screenshots, { recursive: true });
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Signed in once with 记住我: every page of the suite (pane, ribbon) finds the session in localStorage.
  const page = await context.newPage();
  await page.goto(`${stack.url}/taskpane.html`);
  await fillSignIn(page, USER, PASSWORD, true);
  await page.getByText(`${USER}（秘书）`).waitFor();
  await page.close();
}, 300_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('browser mode', () => {
  it('computes the example workbook, shows the summary and downloads the result workbook', async () => {
    // Prepare
    const example = resolve(root, 'examples/花桥街镇-2015.xlsx');
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(example);
    const expected = compute(workbookToGrids(source));
    const page = await openPage(1024);
    await page.getByText('目标管理考核 · 网页版').waitFor();
    await shot(page, 'browser-1-start');

    // Act
    await page.getByTestId('file-input').setInputFiles(example);
    await page.getByText('已打开：花桥街镇-2015.xlsx').waitFor();
    await page.getByRole('button', { name: '计算考核' }).click();
    await page.getByText('计算考核完成').waitFor({ timeout: 30_000 });
    await shot(page, 'browser-2-summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载结果工作簿' }).click()]);
    const saved = join(work, download.suggestedFilename());
    await download.saveAs(saved);

    // Assess
    const first = expected.villages.filter((v) => v.monthRank === 1).map((v) => v.village);
    await expect(page.getByText('本月第一名').locator('..').textContent()).resolves.toContain(first.join('、'));
    expect(download.suggestedFilename()).toBe('花桥街镇-2015-结果.xlsx');
    await expect(page.getByText(/结果工作簿「花桥街镇-2015-结果.xlsx」已生成，可以下载/).isVisible()).resolves.toBe(true);
    expect(await changedParts(await readFile(example), await readFile(saved))).toEqual([]);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(saved);
    const villages = worksheetToGrid(result.getWorksheet('考核结果-村')!).values.slice(2);
    expect(villages.map((row) => [row[1], row[4], row[5]])).toEqual(expected.villages.map((v) => [v.village, v.monthScore, v.monthRank]));
    const groups = worksheetToGrid(result.getWorksheet('考核结果-组')!).values.slice(1);
    expect(groups.map((row) => [row[0], row[11]])).toEqual(expected.groups.map((g) => [g.group, g.fundPaid]));
    expect(worksheetToGrid(result.getWorksheet('参数')!)).toEqual(worksheetToGrid(source.getWorksheet('参数')!));
  });

  it('lists the issues of the broken copy with their cells', async () => {
    // Prepare
    const broken = buildExampleWorkbook();
    const planted = plantMistakes(broken);
    const path = await saveWorkbook(broken, '花桥街镇-2015-有错.xlsx');
    const page = await openPage(1024);

    // Act
    await page.getByTestId('file-input').setInputFiles(path);
    await page.getByText('已打开：花桥街镇-2015-有错.xlsx').waitFor();
    await page.getByRole('button', { name: '计算考核' }).click();
    await page.getByText('计算考核未通过').waitFor({ timeout: 30_000 });
    await shot(page, 'browser-3-issues');

    // Assess
    const list = page.getByRole('list', { name: '问题列表' });
    for (const mistake of planted) await expect(list.getByText(`${mistake.sheet}!${mistake.cell}`).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: '下载结果工作簿' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '下载校验问题清单' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/校验问题清单「花桥街镇-2015-有错-校验问题.xlsx」已生成/).isVisible()).resolves.toBe(true);
  });

  it('shows the row of an issue when its sheet!cell is clicked', async () => {
    // Prepare
    const broken = buildExampleWorkbook();
    const village = plantMistakes(broken).find((m) => m.code === 'unknown_village')!;
    const path = await saveWorkbook(broken, '有错-行.xlsx');
    const page = await openPage(1024);
    await page.getByTestId('file-input').setInputFiles(path);
    await page.getByText('已打开：有错-行.xlsx').waitFor();
    await page.getByRole('button', { name: '校验' }).click();
    await page.getByText('校验未通过').waitFor({ timeout: 30_000 });

    // Act
    await page.getByTitle(`查看「${village.sheet}」${village.cell} 所在行`).click();
    const preview = page.getByRole('region', { name: '问题所在行' });
    await preview.waitFor();
    await shot(page, 'browser-4-issue-row');

    // Assess
    const row = Number(village.cell.replace(/^[A-Z]+/, ''));
    const grid = worksheetToGrid(broken.getWorksheet(village.sheet)!);
    const text = await preview.textContent();
    expect(text).toContain(`「${village.sheet}」第 ${row} 行`);
    for (const value of grid.values[row - 1]!.filter((v) => typeof v === 'string' && v !== '')) expect(text).toContain(String(value));
  });

  it('refuses every file that is not a workbook at once, with its message, and changes nothing else', async () => {
    // Prepare
    const bad = await writeBadFiles(work, resolve(root, 'examples/花桥街镇-2015.xlsx'));
    const page = await openPage(1024);
    await page.getByText('目标管理考核 · 网页版').waitFor();

    for (const file of bad) {
      // Act
      await page.getByTestId('file-input').setInputFiles(join(work, file.name));
      const bar = page.getByText('无法打开文件');
      await bar.waitFor();

      // Assess
      await expect(page.getByText(file.message, { exact: false }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByText(/已打开：/).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /下载/ }).count()).resolves.toBe(0);
    }
    await shot(page, 'browser-5-refused');
  });

  it('gives back corpus workbooks whole with 校验问题 added', async () => {
    // Prepare
    const page = await openPage(1024);
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByLabel('乡镇').fill(TOWN);
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();

    for (const name of CORPUS_SAMPLE) {
      // Act
      const input = resolve(root, 'test/corpus/excel-made', name);
      await page.getByTestId('file-input').setInputFiles(input);
      await page.getByText(`已打开：${name}`).waitFor();
      await page.getByRole('button', { name: '校验', exact: true }).click();
      await page.getByText('校验未通过').waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载校验问题清单' }).click()]);
      const saved = join(work, download.suggestedFilename());
      await download.saveAs(saved);

      // Assess
      expect(download.suggestedFilename()).toBe(name.replace(/\.(xls[xm])$/, '-校验问题.$1'));
      const copy = await readFile(saved);
      expect(await changedParts(await readFile(input), copy)).toEqual([]);
      const issues = (await packageToGrids(await openPackage(copy))).find((g) => g.name === '校验问题');
      expect(issues?.values.flat()).toContain('missing_sheet');
    }
  });
});

describe('the ribbon in Excel', () => {
  it('writes only 校验问题 for a broken workbook and opens the pane on the issue list', async () => {
    // Prepare: one shared runtime, so the ribbon's functions live in the pane's page
    const broken = buildExampleWorkbook();
    const planted = plantMistakes(broken);
    const pane = await openPage(360, workbookToGrids(broken));
    await pane.waitForFunction(() => 'computeAssessment' in window.__actions);

    // Act
    await pane.evaluate(() => new Promise<void>((done) => window.__actions.computeAssessment!({ completed: done })));
    await pane.getByRole('list', { name: '问题列表' }).waitFor();
    await pane.getByText('计算考核未通过').waitFor();
    await shot(pane, 'ribbon-1-issues-pane');

    // Assess
    const after = await pane.evaluate(() => ({ sheets: window.__fake.sheets.map((s) => s.name), opened: window.__paneOpened }));
    expect(after.opened).toBe(1);
    expect(after.sheets.filter((name) => !workbookSheets.includes(name))).toEqual(['校验问题']);
    await expect(pane.getByRole('tab', { name: /问题/ }).getAttribute('aria-selected')).resolves.toBe('true');
    const list = await pane.getByRole('list', { name: '问题列表' }).textContent();
    for (const mistake of planted) expect(list).toContain(`${mistake.sheet}!${mistake.cell}`);
  });

});

describe('task pane in Excel', () => {
  it('lists the issues of 计算考核 and selects the clicked cell', async () => {
    // Prepare
    const broken = buildExampleWorkbook();
    const planted: PlantedMistake[] = plantMistakes(broken);
    const village = planted.find((m) => m.code === 'unknown_village')!;
    const page = await openPage(360, workbookToGrids(broken));
    await page.getByText('目标管理考核', { exact: true }).waitFor();

    // Act
    await page.getByRole('button', { name: '计算考核' }).click();
    await page.getByText('计算考核未通过').waitFor({ timeout: 30_000 });
    await shot(page, 'taskpane-1-issues');
    await page.getByTitle(`选中「${village.sheet}」的 ${village.cell}`).click();
    await page.waitForFunction(() => window.__fake.selection !== null);
    await shot(page, 'taskpane-2-selected');

    // Assess
    const selection = await page.evaluate(() => window.__fake.selection);
    expect(selection).toEqual({ sheet: village.sheet, address: village.cell });
    const sheets = await page.evaluate(() => window.__fake.sheets.map((s) => s.name));
    expect(sheets).toContain('校验问题');
    expect(sheets).not.toContain('考核结果-村');
  });

  it('writes the result sheets into the workbook and shows the summary', async () => {
    // Prepare
    const grids = workbookToGrids(buildExampleWorkbook());
    const expected = compute(grids);
    const page = await openPage(360, grids);
    await page.getByText('目标管理考核', { exact: true }).waitFor();

    // Act
    await page.getByRole('button', { name: '计算考核' }).click();
    await page.getByText('计算考核完成').waitFor({ timeout: 30_000 });
    await shot(page, 'taskpane-3-summary');

    // Assess
    const written = await page.evaluate(() => ({
      names: window.__fake.sheets.map((s) => s.name),
      syncs: window.__fake.syncs.length,
      villages: window.__fake.values('考核结果-村').slice(2).map((row) => [row[1], row[4]]),
    }));
    expect(written.names.slice(-7)).toEqual(['考核结果-村', '考核结果-组', '责任分解', '经费发放', '通报', '村考核明细', '校验问题']);
    // 3 to read; to write, checks, repairs and probe, drawing, swap (addin/src/workbook/writeSheets.ts).
    expect(written.syncs).toBeLessThanOrEqual(7);
    expect(written.villages).toEqual(expected.villages.map((v) => [v.village, v.monthScore]));
  });

  it('finalises the month after confirmation and shows it in the history', async () => {
    // Prepare
    const page = await openPage(360, workbookToGrids(buildExampleWorkbook()));
    await page.getByRole('button', { name: '计算考核' }).click();
    await page.getByText('计算考核完成').waitFor({ timeout: 30_000 });

    // Act
    await page.getByRole('button', { name: '定稿' }).click();
    await page.getByRole('dialog').getByText('确认定稿').waitFor();
    // Fluent fades the dialog in; the picture is taken once it is opaque.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await shot(page, 'taskpane-4-confirm', false);
    await page.getByRole('dialog').getByRole('button', { name: '定稿' }).click();
    await page.getByText('已定稿', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '历史' }).click();
    await page.getByRole('list', { name: '考核记录' }).waitFor();
    await shot(page, 'taskpane-5-history');

    // Assess
    const history = await page.getByRole('list', { name: '考核记录' }).textContent();
    expect(history).toContain('2015年4月');
    expect(history).toContain(`${USER} 于`);
    await expect(page.getByRole('button', { name: '定稿' }).isDisabled()).resolves.toBe(true);
  });

  it('keeps its settings in the document', async () => {
    // Prepare
    const page = await openPage(360, workbookToGrids(buildExampleWorkbook()));
    await page.getByRole('tab', { name: '设置' }).click();

    // Act
    await page.getByLabel('乡镇').fill(TOWN);
    await page.getByLabel('考核月份').fill('2015-13');
    await shot(page, 'taskpane-6-settings');
    const refused = await page.getByRole('button', { name: '保存设置' }).isDisabled();
    await page.getByLabel('考核月份').fill('2015-04');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();

    // Assess
    expect(refused).toBe(true);
    const saved = await page.evaluate(() => [Office.context.document.settings.get('kh.town'), Office.context.document.settings.get('kh.month')]);
    expect(saved).toEqual([TOWN, '2015-04']);
  });
});
