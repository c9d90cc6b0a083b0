import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOutputPath, parseAssessArgs, UsageError } from '../../functions/src/cli/parseArgs.js';

/** The message of the UsageError that parsing `argv` throws. */
function usageError(argv: string[]): string {
  try {
    parseAssessArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('defaultOutputPath', () => {
  it('puts <name>-结果.xlsx beside the input', () => {
    // Prepare
    const input = join('data', '2015', '花桥街镇考核.xlsx');

    // Act
    const out = defaultOutputPath(input);

    // Assess
    expect(out).toBe(join('data', '2015', '花桥街镇考核-结果.xlsx'));
  });
});

describe('parseAssessArgs', () => {
  it('takes the workbook alone and derives the output path', () => {
    // Prepare
    const argv = ['考核.xlsx'];

    // Act
    const args = parseAssessArgs(argv);

    // Assess
    expect(args).toEqual({ input: '考核.xlsx', out: '考核-结果.xlsx' });
  });

  it('reads --month, --out and --json as separate or joined values in any order', () => {
    // Prepare
    const argv = ['--json=out/r.json', '考核.xlsx', '--month', '2015-04', '--out', 'out/r.xlsx'];

    // Act
    const args = parseAssessArgs(argv);

    // Assess
    expect(args).toEqual({ input: '考核.xlsx', month: '2015-04', out: 'out/r.xlsx', json: 'out/r.json' });
  });

  it('answers help for -h and --help', () => {
    // Prepare
    const argvs = [['-h'], ['考核.xlsx', '--help']];

    // Act
    const results = argvs.map(parseAssessArgs);

    // Assess
    expect(results).toEqual(['help', 'help']);
  });

  it('rejects a month that is not YYYY-MM', () => {
    // Prepare
    const months = ['2015-4', '2015-13', '201504', '4月'];

    // Act
    const messages = months.map((month) => usageError(['考核.xlsx', '--month', month]));

    // Assess
    expect(messages).toEqual(months.map((month) => `--month 的格式应为 YYYY-MM（如 2015-04），收到「${month}」`));
  });

  it('rejects unknown flags, missing values, repeated flags and extra or missing workbooks', () => {
    // Prepare
    const cases = [
      ['考核.xlsx', '--verbose'],
      ['考核.xlsx', '--out'],
      ['考核.xlsx', '--out', '--json', 'r.json'],
      ['考核.xlsx', '--month', '2015-04', '--month=2015-05'],
      ['考核.xlsx', '其他.xlsx'],
      ['--month', '2015-04'],
    ];

    // Act
    const messages = cases.map(usageError);

    // Assess
    expect(messages[0]).toMatch(/^未知参数「--verbose」。用法：npm run assess -- /);
    expect(messages.slice(1, 5)).toEqual([
      '参数 --out 后缺少取值',
      '参数 --out 后缺少取值',
      '参数 --month 重复出现',
      '只能指定一个工作簿，多出了「其他.xlsx」',
    ]);
    expect(messages[5]).toMatch(/^缺少工作簿文件。用法：/);
  });

  it('refuses to write over the input or to put both outputs in one file', () => {
    // Prepare
    const cases = [
      ['考核.xlsx', '--out', './考核.xlsx'],
      ['考核.xlsx', '--json', '考核.xlsx'],
      ['考核.xlsx', '--out', 'r.xlsx', '--json', 'r.xlsx'],
    ];

    // Act
    const messages = cases.map(usageError);

    // Assess
    expect(messages).toEqual([
      '输出文件不能与输入文件相同：输入工作簿不会被修改',
      '输出文件不能与输入文件相同：输入工作簿不会被修改',
      '--json 与 --out 不能是同一个文件',
    ]);
  });
});
