import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../addin/src/api/client.js';
import { compute } from '../../functions/src/domain/index.js';
import { exampleGrids } from './officeHarness.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | string | undefined;
}

/** A fetch that records each request and answers with `reply`. */
function fakeFetch(reply: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: init?.body as Uint8Array | string | undefined,
    };
    sent.push(request);
    return reply(request);
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const client = (fetch: typeof globalThis.fetch) =>
  createApiClient({ baseUrl: 'https://kaohe.example.cn/', token: async () => 'TOKEN', fetch });

describe('the API client', () => {
  it('sends the workbook gzip-compressed with the bearer token and returns the stored run', async () => {
    // Prepare
    const grids = exampleGrids();
    const result = compute(grids);
    const { sent, fetch } = fakeFetch(() => json(200, { runId: 'run-1', status: 'ok', result, finalized: false }));

    // Act
    const answer = await client(fetch).compute({ town: '花桥街镇', grids });

    // Assess
    expect(answer).toEqual({ result, runId: 'run-1', finalized: false });
    expect(sent[0]!.url).toBe('https://kaohe.example.cn/v1/assessments/compute');
    expect(sent[0]!.headers.authorization).toBe('Bearer TOKEN');
    expect(sent[0]!.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(sent[0]!.body as Uint8Array).toString('utf8'))).toEqual({ town: '花桥街镇', grids });
  });

  it('refuses, without sending, a body whose gzip exceeds what a Lambda invocation takes', async () => {
    // Prepare: random digits do not compress, so the gzip stays above 4.4 MB
    let seed = 1;
    const noise = Array.from({ length: 1_200_000 }, () => (seed = (seed * 48271) % 2147483647));
    const grids = [{ name: '对村考核', origin: 'A1', values: [noise] }];
    const { sent, fetch } = fakeFetch(() => json(200, {}));

    // Act
    const error = await client(fetch).compute({ town: '花桥街镇', grids }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect((error as ApiError).message).toContain('4.4 MB');
    expect(sent).toHaveLength(0);
  });

  it('turns the answer of validate into a result holding the issues', async () => {
    // Prepare
    const issues = [{ sheet: '村', cell: 'A3', severity: 'error', code: 'missing_value', message: '「村名」不能为空，请填写。' }];
    const { fetch } = fakeFetch(() => json(200, { status: 'invalid', town: '花桥街镇', month: '2015-04', finalized: true, issues }));

    // Act
    const answer = await client(fetch).validate({ town: '花桥街镇', grids: [{ name: '村', origin: 'A1', values: [['村名']] }] });

    // Assess
    expect(answer.finalized).toBe(true);
    expect(answer.result).toMatchObject({ status: 'invalid', town: '花桥街镇', year: 2015, month: '2015-04', issues, villages: [] });
  });

  it('treats a changed 定稿 month as issues to show, not as a failure', async () => {
    // Prepare
    const result = { ...compute(exampleGrids()), status: 'invalid' as const };
    const { fetch } = fakeFetch(() =>
      json(409, { code: 'finalized_month_changed', message: '已定稿月份的数据被修改', runId: 'run-2', status: 'invalid', result, finalized: true, issues: [] }),
    );

    // Act
    const answer = await client(fetch).compute({ town: '花桥街镇', grids: exampleGrids() });

    // Assess
    expect(answer).toEqual({ result, runId: 'run-2', finalized: true });
  });

  it('passes on the service’s Chinese message and code', async () => {
    // Prepare
    const body = { code: 'forbidden', message: '组长不能计算考核，请联系党政办秘书。' };
    const { fetch } = fakeFetch(() => json(403, body));

    // Act
    const call = client(fetch).compute({ town: '花桥街镇', grids: [] });

    // Assess
    await expect(call).rejects.toEqual(new ApiError(403, 'forbidden', '组长不能计算考核，请联系党政办秘书。', body));
  });

  it('says in Chinese when the service cannot be reached or answers without JSON', async () => {
    // Prepare
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const { fetch: proxyError } = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));

    // Act
    const [unreachable, gateway] = await Promise.allSettled([client(down).history('花桥街镇', 2015), client(proxyError).history('花桥街镇', 2015)]);

    // Assess
    expect(unreachable).toMatchObject({ status: 'rejected', reason: { status: 0, code: 'network', message: expect.stringContaining('无法连接考核服务（https://kaohe.example.cn）') } });
    expect(gateway).toMatchObject({ status: 'rejected', reason: { status: 502, code: 'http_502', message: '考核服务出错（HTTP 502），请稍后重试。' } });
  });

  it('reads the month (none yet is null), the history and the 定稿 from their routes', async () => {
    // Prepare
    const months = [{ month: '2015-04', state: 'final', finalizedBy: 'dev-secretary' }];
    const { sent, fetch } = fakeFetch((request) =>
      request.url.includes('/history')
        ? json(200, { town: '花桥街镇', year: 2015, months })
        : request.url.endsWith('/finalize')
          ? json(201, { month: '2015-04', created: true, runId: 'run-1', finalizedBy: 'dev-secretary', finalizedAt: '2015-05-02T02:00:00Z' })
          : json(404, { code: 'not_found', message: '花桥街镇2015年4月还没有考核记录。' }),
    );
    const api = client(fetch);

    // Act
    const month = await api.month('花桥街镇', '2015-04');
    const history = await api.history('花桥街镇', 2015);
    const done = await api.finalize('花桥街镇', '2015-04', 'run-1');

    // Assess
    expect(month).toBeNull();
    expect(history).toEqual(months);
    expect(done.created).toBe(true);
    expect(sent.map((s) => `${s.method} ${decodeURI(new URL(s.url).pathname + new URL(s.url).search)}`)).toEqual([
      'GET /v1/assessments/花桥街镇/2015-04',
      'GET /v1/assessments/花桥街镇/history?year=2015',
      'POST /v1/assessments/花桥街镇/2015-04/finalize',
    ]);
    expect(JSON.parse(sent[2]!.body as string)).toEqual({ runId: 'run-1' });
  });
});
