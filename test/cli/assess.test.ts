import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, runAssess } from '../../functions/src/cli/runAssess.js';
import { RESULT_SHEETS } from '../../functions/src/domain/tables.js';
import type { AssessmentResult } from '../../functions/src/domain/types.js';
import { tinyWorkbook } from './tinyWorkbook.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const SCRIPT = join(ROOT, 'functions/src/cli/assess.ts');

/** Runs `tsx functions/src/cli/assess.ts …` in a child process, as `npm run assess -- …` does. */
function assess(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [TSX, SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha256 = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');

async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe('npm run assess', () => {
  let dir = '';
  let valid = '';
  let invalid = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'assess-cli-'));
    valid = join(dir, '花桥街镇考核.xlsx');
    invalid = join(dir, '有错误.xlsx');
    await tinyWorkbook().xlsx.writeFile(valid);
    await tinyWorkbook({ scoredVillage: '花桥村' }).xlsx.writeFile(invalid);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the result sheets into <name>-结果.xlsx, prints the summary and exits 0', async () => {
    // Prepare
    const before = await sha256(valid);

    // Act
    const run = assess(valid);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(await sha256(valid)).toBe(before);
    const output = join(dir, '花桥街镇考核-结果.xlsx');
    const saved = await loadWorkbook(output);
    expect(saved.worksheets.map((w) => w.name)).toEqual([
      '参数',
      '组别',
      '人员',
      '村',
      '考核细则',
      '组督查',
      '对村考核',
      ...RESULT_SHEETS,
    ]);
    expect(saved.getWorksheet('考核结果-村')?.getRow(4).values).toEqual([, 2, '新田村', 0, 2, 98, 2, 0, 2, 98, 2, 0, 2, 0, 0, 0, 0]);
    expect(run.stdout).toContain('花桥街镇2015年4月目标管理考核');
    expect(run.stdout).toContain('村：第一名 花桥街村 100.00 分；末位 新田村 98.00 分');
    expect(run.stdout).toMatch(/计生组\s+王五\s+95\.00\s+¥0\.00\s+¥9,500\.00/);
    expect(run.stdout).toContain(`结果工作簿：${output}`);
  });

  it('writes the JSON and the copy where --json and --out say', async () => {
    // Prepare
    const out = join(dir, 'out.xlsx');
    const json = join(dir, 'out.json');

    // Act
    const run = assess(valid, '--out', out, '--json', json, '--month', '2015-04');

    // Assess
    expect(run.status).toBe(0);
    const result = JSON.parse(await readFile(json, 'utf8')) as AssessmentResult;
    expect(result.status).toBe('ok');
    expect(result.villages.map((v) => [v.village, v.monthScore, v.monthRank])).toEqual([
      ['花桥街村', 100, 1],
      ['新田村', 98, 2],
    ]);
    expect(result.groups.map((g) => [g.group, g.fundBase, g.fundPaid, g.fundWithheld])).toEqual([
      ['计生组', 10000, 9500, 500],
      ['城建组', 5000, 4400, 600],
    ]);
    const funds = (await loadWorkbook(out)).getWorksheet('经费发放');
    expect(funds?.getRow(4).values).toEqual([, '合计', , 15000, 13900, 1100, 13900, 0, 0]);
  });

  it('exits 2 on invalid input, printing the issues and writing them into the copy and the JSON', async () => {
    // Prepare
    const before = await sha256(invalid);
    const json = join(dir, 'invalid.json');

    // Act
    const run = assess(invalid, '--json', json);

    // Assess
    expect(run.status).toBe(2);
    expect(await sha256(invalid)).toBe(before);
    expect(run.stdout).toMatch(/对村考核\s+B2\s+错误\s+.*花桥村/);
    expect(run.stdout).toContain('存在错误，未计算考核结果');
    const result = JSON.parse(await readFile(json, 'utf8')) as AssessmentResult;
    expect(result.status).toBe('invalid');
    expect(result.issues).toContainEqual(expect.objectContaining({ sheet: '对村考核', cell: 'B2', severity: 'error' }));
    const saved = await loadWorkbook(join(dir, '有错误-结果.xlsx'));
    expect(saved.worksheets.map((w) => w.name).slice(-1)).toEqual(['校验问题']);
    expect(saved.getWorksheet('考核结果-村')).toBeUndefined();
    expect(saved.getWorksheet('校验问题')?.getRow(2).values).toEqual(
      expect.arrayContaining(['对村考核', 'B2', '错误']),
    );
  });

  it('assesses the month given by --month', async () => {
    // Prepare
    const json = join(dir, 'may.json');

    // Act
    const run = assess(valid, '--month', '2015-05', '--json', json, '--out', join(dir, 'may.xlsx'));

    // Assess
    const result = JSON.parse(await readFile(json, 'utf8')) as AssessmentResult;
    // May has no 组督查 rows: the run is invalid, and the issues name the month asked for.
    expect(run.status).toBe(2);
    expect(result.month).toBeNull();
    expect(result.issues.filter((i) => i.sheet === '组督查' && i.severity === 'error').map((i) => i.message).join('\n')).toContain('2015-05');
  });

  it('prints the usage and exits 0 for --help', () => {
    // Prepare
    const flag = '--help';

    // Act
    const run = assess(flag);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('用法：npm run assess -- <工作簿.xlsx> [--month YYYY-MM] [--out 结果.xlsx] [--json 结果.json]\n');
  });

  it('exits 1 with a one-line Chinese reason and no stack trace on other failures', async () => {
    // Prepare
    const notXlsx = join(dir, '笔记.xlsx');
    await writeFile(notXlsx, '这不是工作簿');
    const missing = join(dir, '不存在.xlsx');

    // Act
    const runs = [
      assess(missing),
      assess(notXlsx),
      assess(valid, '--month', '2015-4'),
      assess(valid, '--verbose'),
      assess(valid, '--out', join(dir, '没有此目录', 'r.xlsx')),
    ];

    // Assess
    expect(runs.map((r) => r.status)).toEqual([1, 1, 1, 1, 1]);
    expect(runs.map((r) => r.stderr.trimEnd().split('\n').length)).toEqual([1, 1, 1, 1, 1]);
    expect(runs[0]?.stderr).toBe(`找不到文件「${missing}」\n`);
    expect(runs[1]?.stderr).toContain('这是文本文件（如 .csv），不是工作簿');
    expect(runs[2]?.stderr).toBe('--month 的格式应为 YYYY-MM（如 2015-04），收到「2015-4」\n');
    expect(runs[3]?.stderr).toMatch(/^未知参数「--verbose」/);
    expect(runs[4]?.stderr).toMatch(/^无法写入「.*r\.xlsx」/);
    expect(existsSync(join(dir, '笔记-结果.xlsx'))).toBe(false);
  });
});

describe('npm run assess never writes onto its input', () => {
  let dir = '';
  let input = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'assess-links-'));
    input = join(dir, 'in.xlsx');
    await tinyWorkbook().xlsx.writeFile(input);
    await mkdir(join(dir, 'sub'));
    await symlink(input, join(dir, 'link.xlsx'));
    await link(input, join(dir, 'hard.xlsx'));
    await symlink(dir, join(dir, 'again'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a symbolic link to the input', 'link.xlsx'],
    ['a hard link to the input', 'hard.xlsx'],
    ['the input through a linked folder', 'again/in.xlsx'],
    ['the input through ..', 'sub/../in.xlsx'],
  ])('refuses --out as %s, leaving the input unchanged', async (_, target) => {
    // Prepare
    const before = await sha256(input);
    const errors: string[] = [];

    // Act
    const code = await runAssess([input, '--out', join(dir, target)], { out: () => undefined, err: (l) => errors.push(l) });

    // Assess
    expect(code).toBe(EXIT_FAILURE);
    expect(errors.join('\n')).toMatch(/输入工作簿不会被修改/);
    expect(await sha256(input)).toBe(before);
  });

  it('refuses --json as a link to the input', async () => {
    // Prepare
    const before = await sha256(input);
    const errors: string[] = [];

    // Act
    const code = await runAssess([input, '--out', join(dir, 'ok.xlsx'), '--json', join(dir, 'hard.xlsx')], { out: () => undefined, err: (l) => errors.push(l) });

    // Assess
    expect(code).toBe(EXIT_FAILURE);
    expect(errors.join('\n')).toContain('输入工作簿不会被修改');
    expect(await sha256(input)).toBe(before);
    expect(existsSync(join(dir, 'ok.xlsx'))).toBe(false);
  });
});
