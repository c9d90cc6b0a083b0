import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../functions/src/http/HttpError.js';
import { readJsonBody } from '../../functions/src/http/requestBody.js';
import { assessmentRequestSchema, parseRequest } from '../../functions/src/http/schemas.js';

const LIMIT = 1024 * 1024;

async function refusal(work: () => Promise<unknown> | unknown): Promise<HttpError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('readJsonBody', () => {
  it('reads plain, base64 and gzip bodies as API Gateway delivers them', async () => {
    // Prepare
    const json = JSON.stringify({ town: '花桥街镇', grids: [] });
    const gzipped = gzipSync(json).toString('base64');

    // Act
    const plain = await readJsonBody({ body: json, isBase64Encoded: false, headers: {} }, LIMIT);
    const base64 = await readJsonBody({ body: Buffer.from(json).toString('base64'), isBase64Encoded: true, headers: {} }, LIMIT);
    const gzip = await readJsonBody({ body: gzipped, isBase64Encoded: true, headers: { 'Content-Encoding': 'gzip' } }, LIMIT);

    // Assess
    expect(plain).toEqual({ town: '花桥街镇', grids: [] });
    expect(base64).toEqual(plain);
    expect(gzip).toEqual(plain);
  });

  it('answers 400 with a Chinese message for a body that is not JSON', async () => {
    // Act
    const error = await refusal(() => readJsonBody({ body: 'town=花桥', isBase64Encoded: false, headers: {} }, LIMIT));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toBe('请求体不是有效的 JSON：「town=花桥」。');
  });

  it('answers 413 naming the limit for a body over the limit', async () => {
    // Prepare
    const body = 'x'.repeat(LIMIT + 1);

    // Act
    const error = await refusal(() => readJsonBody({ body, isBase64Encoded: false, headers: {} }, LIMIT));

    // Assess
    expect(error.statusCode).toBe(413);
    expect(error.details).toEqual({ maxBytes: LIMIT });
    expect(error.message).toContain('最大允许 1 MB（1048576 字节）');
  });

  it('stops a gzip bomb at the limit instead of inflating it', async () => {
    // Prepare: 64 MB of zeros compress to about 64 KB
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64');

    // Act
    const error = await refusal(() =>
      readJsonBody({ body: bomb, isBase64Encoded: true, headers: { 'content-encoding': 'gzip' } }, LIMIT),
    );

    // Assess
    expect(error.statusCode).toBe(413);
    expect(error.message).toContain('解压后的请求体超过上限');
  });

  it('accepts gzip JSON larger than the wire limit once inflated, up to the JSON limit', async () => {
    // Prepare: 3 MB of JSON that gzips to a few KB; wire limit 1 MB, JSON limit 4 MB
    const json = JSON.stringify({ grids: [{ name: '对村考核', origin: 'A1', values: Array(100_000).fill(['花桥街村', -2, '原因']) }] });
    const body = gzipSync(Buffer.from(json)).toString('base64');
    const event = { body, isBase64Encoded: true, headers: { 'content-encoding': 'gzip' } };

    // Act
    const parsed = (await readJsonBody(event, LIMIT, 4 * LIMIT)) as { grids: { values: unknown[] }[] };
    const refused = await refusal(() => readJsonBody(event, LIMIT, 2 * LIMIT));

    // Assess
    expect(Buffer.byteLength(json)).toBeGreaterThan(2 * LIMIT);
    expect(parsed.grids[0]!.values).toHaveLength(100_000);
    expect(refused.statusCode).toBe(413);
    expect(refused.details).toEqual({ maxBytes: 2 * LIMIT });
  });

  it('answers 400 for a body declared gzip that is not', async () => {
    // Act
    const error = await refusal(() =>
      readJsonBody({ body: '{"a":1}', isBase64Encoded: false, headers: { 'content-encoding': 'gzip' } }, LIMIT),
    );

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('invalid_gzip');
  });

  it('answers 400 for an unsupported Content-Encoding and for invalid UTF-8', async () => {
    // Act
    const brotli = await refusal(() => readJsonBody({ body: '{}', isBase64Encoded: false, headers: { 'content-encoding': 'br' } }, LIMIT));
    const latin1 = await refusal(() =>
      readJsonBody({ body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true, headers: {} }, LIMIT),
    );

    // Assess
    expect([brotli.statusCode, brotli.code]).toEqual([400, 'unsupported_encoding']);
    expect([latin1.statusCode, latin1.code]).toEqual([400, 'invalid_encoding']);
  });
});

describe('assessmentRequestSchema', () => {
  it('accepts a workbook request and drops unknown fields', () => {
    // Prepare
    const body = { town: ' 花桥街镇 ', month: '2015-04', grids: [{ name: '参数', origin: 'A1', values: [['乡镇', '花桥街镇'], [null, 1, true]] }], extra: 1 };

    // Act
    const request = parseRequest(assessmentRequestSchema, body);

    // Assess
    expect(request).toEqual({ town: '花桥街镇', month: '2015-04', grids: body.grids });
  });

  it('answers 422 for wrong shapes, naming the place in Chinese', async () => {
    // Prepare
    const grid = { name: 'a', origin: 'A1', values: [] };

    // Act
    const notObject = await refusal(() => parseRequest(assessmentRequestSchema, [1, 2]));
    const badMonth = await refusal(() => parseRequest(assessmentRequestSchema, { town: '花桥街镇', month: '2015-4', grids: [grid] }));
    const badCell = await refusal(() =>
      parseRequest(assessmentRequestSchema, { town: '花桥街镇', grids: [{ ...grid, values: [[{ x: 1 }]] }] }),
    );

    // Assess
    expect(notObject.statusCode).toBe(422);
    expect(notObject.message).toBe('请求内容不符合要求：（根）：请求体应为 JSON 对象：{ town, month?, grids }');
    expect(badMonth.message).toBe('请求内容不符合要求：month：月份「2015-4」格式不对，应为 YYYY-MM，例如 2015-04');
    expect(badCell.details.errors).toEqual([
      { path: 'grids[0].values[0][0]', message: '单元格的值只能是文本（不超过 32767 个字符）、数字、逻辑值或空' },
    ]);
  });

  it('refuses a row of 100 000 columns and a grid running past column XFD', async () => {
    // Prepare
    const wide = { town: '花桥街镇', grids: [{ name: '对村考核', origin: 'A1', values: [new Array(100_000).fill(1)] }] };
    const shifted = { town: '花桥街镇', grids: [{ name: '对村考核', origin: 'XFC1', values: [[1, 2, 3]] }] };

    // Act
    const wideError = await refusal(() => parseRequest(assessmentRequestSchema, wide));
    const shiftedError = await refusal(() => parseRequest(assessmentRequestSchema, shifted));

    // Assess
    expect(wideError.statusCode).toBe(422);
    expect(wideError.message).toBe('请求内容不符合要求：grids[0].values[0]：一行有 100000 列，超过 Excel 工作表的上限 16384 列');
    expect(shiftedError.message).toBe(
      '请求内容不符合要求：grids[0].values：工作表「对村考核」从 XFC1 起有 3 列，超出 Excel 的最后一列 XFD（第 16384 列）',
    );
  });
});
