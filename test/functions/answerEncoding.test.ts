/**
 * Large answers gzip-compressed when the request accepts it (Lambda's 6 MB response): the
 * encoding rule, `fitAnswer` measuring what is sent, and the local stack answering the
 * district-year compute in full.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_TOWN, sizeById, syntheticTown } from '../../bench/syntheticTown.js';
import type { Issue } from '../../functions/src/domain/types.js';
import { acceptsGzip, encodeAnswer, GZIP_MIN_BYTES } from '../../functions/src/http/answerEncoding.js';
import { fitAnswer, MAX_ANSWER_BYTES } from '../../functions/src/http/answerSize.js';
import { HttpError } from '../../functions/src/http/HttpError.js';
import { jsonResponse } from '../../functions/src/http/responses.js';
import { startTestApi, type TestApi } from '../support/localApi.js';

/** `count` error issues whose messages are `text(i)`. */
function issuesOf(count: number, text: (i: number) => string): Issue[] {
  return Array.from({ length: count }, (_, i) => ({ sheet: '考勤', cell: `B${i + 2}`, severity: 'error', code: 'unknown_person', message: text(i) }));
}

describe('acceptsGzip', () => {
  it('accepts gzip, x-gzip and * unless their q-value is 0', () => {
    // Prepare
    const values = ['gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'x-gzip', '*', 'gzip;q=0', 'deflate, br', 'identity', '', undefined, '*, gzip;q=0'];

    // Act
    const accepted = values.map(acceptsGzip);

    // Assess
    expect(accepted).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });
});

describe('encodeAnswer', () => {
  it('gzips a body above the threshold when accepted, leaves it plain when not, and both decode equal', () => {
    // Prepare
    const large = jsonResponse(200, { issues: issuesOf(2_000, (i) => `人员“无名氏${i}”不在人员名单中`) }, { vary: 'Origin' });
    const small = jsonResponse(200, { ok: true });

    // Act
    const gzipped = encodeAnswer(large, 'gzip, deflate');
    const plain = encodeAnswer(large, undefined);
    const smallAnswer = encodeAnswer(small, 'gzip');

    // Assess
    expect(Buffer.byteLength(large.body!)).toBeGreaterThan(GZIP_MIN_BYTES);
    expect([gzipped.isBase64Encoded, gzipped.headers?.['content-encoding'], gzipped.headers?.vary]).toEqual([true, 'gzip', 'Origin, Accept-Encoding']);
    expect(gunzipSync(Buffer.from(gzipped.body!, 'base64')).toString('utf8')).toBe(large.body);
    expect(gzipped.body!.length).toBeLessThan(large.body!.length / 5);
    expect([plain.isBase64Encoded, plain.headers?.['content-encoding'], plain.headers?.vary, plain.body]).toEqual([undefined, undefined, 'Origin, Accept-Encoding', large.body]);
    expect(smallAnswer).toBe(small);
  });
});

describe('fitAnswer measures the answer as sent', () => {
  it('keeps 1,000 issues of a compressible answer over the limit when gzip is accepted, and cuts them when not', () => {
    // Prepare
    const issues = issuesOf(5_000, (i) => `人员“无名氏${i % 1000}”不在人员名单中，${'请核对姓名。'.repeat(70)}`);
    const render = (listing: { issues: Issue[] }) => jsonResponse(200, listing);
    const maxBytes = 1024 * 1024;

    // Act
    const gzipped = fitAnswer(issues, render, { gzip: true, maxBytes });
    const plain = fitAnswer(issues, render, { gzip: false, maxBytes });

    // Assess
    expect(Buffer.byteLength(gzipped.response.body!)).toBeGreaterThan(maxBytes);
    expect([gzipped.listing.issues.length, gzipped.listing.issuesTruncated]).toEqual([1_000, true]);
    expect(plain.listing.issues.length).toBeLessThan(1_000);
    expect(Buffer.byteLength(plain.response.body!)).toBeLessThanOrEqual(maxBytes);
  });

  it('cuts issues whose compressed answer still does not fit, and answers 413 when none fit', () => {
    // Prepare: random text hardly compresses, and base64 adds a third.
    const issues = issuesOf(1_000, () => randomBytes(300).toString('base64'));
    const maxBytes = 256 * 1024;
    const filler = randomBytes(maxBytes).toString('base64');

    // Act
    const cut = fitAnswer(issues, (listing) => jsonResponse(200, listing), { gzip: true, maxBytes });
    const sent = encodeAnswer(cut.response, 'gzip');
    let refusal: unknown;
    try {
      fitAnswer(issues, (listing) => jsonResponse(200, { filler, ...listing }), { gzip: true, maxBytes });
    } catch (error) {
      refusal = error;
    }

    // Assess
    expect([cut.listing.issuesTruncated, cut.listing.issueTotals?.errors]).toEqual([true, 1_000]);
    expect(cut.listing.issues.length).toBeGreaterThan(0);
    expect(cut.listing.issues.length).toBeLessThan(1_000);
    expect(sent.isBase64Encoded).toBe(true);
    expect(sent.body!.length).toBeLessThanOrEqual(maxBytes);
    expect(refusal).toBeInstanceOf(HttpError);
    expect([(refusal as HttpError).statusCode, (refusal as HttpError).code]).toEqual([413, 'answer_too_large']);
    expect((refusal as HttpError).message).toMatch(/^计算结果压缩后有 .+，超过单次答复的上限 /);
  });
});

describe('gzip answers through the local stack', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** A POST with Node's client, which does not decompress: status, headers and the bytes on the wire. */
  function rawPost(path: string, body: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) => {
      const payload = gzipSync(body);
      const request = httpRequest(
        `${api.stack.url}${encodeURI(path)}`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }));
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  it('sends the compute answer gzip when accepted and plain when not, with the same JSON', async () => {
    // Prepare
    const token = await api.user('secretary-gzip', '秘书', SYNTHETIC_TOWN);
    const body = JSON.stringify({ town: SYNTHETIC_TOWN, grids: syntheticTown(sizeById('big-town')) });

    // Act
    const gzipped = await rawPost('/v1/assessments/compute', body, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' });
    const plain = await rawPost('/v1/assessments/compute', body, { authorization: `Bearer ${token}` });

    // Assess
    expect([gzipped.status, plain.status]).toEqual([200, 200]);
    expect(plain.bytes.length).toBeGreaterThan(GZIP_MIN_BYTES);
    expect([gzipped.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['gzip', undefined]);
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.bytes.length).toBeLessThan(plain.bytes.length / 5);
    // Two runs: the same answer but for the run id.
    const { runId: gzippedRun, ...gzippedAnswer } = JSON.parse(gunzipSync(gzipped.bytes).toString('utf8'));
    const { runId: plainRun, ...plainAnswer } = JSON.parse(plain.bytes.toString('utf8'));
    expect(gzippedRun).not.toBe(plainRun);
    expect(gzippedAnswer).toEqual(plainAnswer);
  });

  it('answers the district-year compute in full when gzip is accepted, and 413 when not', async () => {
    // Prepare
    const token = await api.user('secretary-district', '秘书', SYNTHETIC_TOWN);
    const body = JSON.stringify({ town: SYNTHETIC_TOWN, grids: syntheticTown(sizeById('district-year')) });

    // Act
    const plain = await rawPost('/v1/assessments/compute', body, { authorization: `Bearer ${token}` });
    const gzipped = await rawPost('/v1/assessments/compute', body, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' });
    const answer = gunzipSync(gzipped.bytes).toString('utf8');
    const json = JSON.parse(answer);

    // Assess
    expect([plain.status, JSON.parse(plain.bytes.toString('utf8')).code]).toEqual([413, 'answer_too_large']);
    expect([gzipped.status, gzipped.headers['content-encoding'], json.status, json.result.issuesTruncated ?? false]).toEqual([200, 'gzip', 'ok', false]);
    expect(Buffer.byteLength(answer)).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(gzipped.bytes.length * (4 / 3)).toBeLessThan(MAX_ANSWER_BYTES);
    expect(json.result.villages).toHaveLength(300);
    expect(json.result.statements.length).toBeGreaterThan(0);
  }, 240_000);
});
