import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIssues } from '../../functions/src/domain/issueCap.js';
import { compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { AssessmentStore } from '../../functions/src/store/AssessmentStore.js';
import { TOWN, exampleGrids, startTestApi, type TestApi } from '../support/localApi.js';

const ADDIN_ORIGIN = 'https://addin.example';
const MONTH_PATH = `/v1/assessments/${TOWN}/2015-04`;

let api: TestApi;
let store: AssessmentStore;
let grids: Grid[];
let secretary: string;
let leader: string;

beforeAll(async () => {
  api = await startTestApi({ allowedOrigin: ADDIN_ORIGIN, maxBodyBytes: 10 * 1024 * 1024 });
  store = new AssessmentStore(api.dynamo.doc, api.dynamo.tableName);
  grids = await exampleGrids();
  secretary = await api.user('secretary-1', '秘书');
  leader = await api.user('leader-1', '组长');
});

afterAll(async () => {
  await api?.stop();
});

describe('the assessment API contract', () => {
  it('validates, computes, finalises, reads and lists the example workbook', async () => {
    // Prepare
    const expected = compute(grids);
    const chief = await api.user('chief-1', '书记');

    // Act
    const validated = await api.call('POST', '/v1/assessments/validate', { token: leader, json: { town: TOWN, grids } });
    const computed = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids }, gzip: true });
    const finalized = await api.call('POST', `${MONTH_PATH}/finalize`, { token: chief, json: { runId: computed.body.runId } });
    const read = await api.call('GET', MONTH_PATH, { token: leader });
    const history = await api.call('GET', `/v1/assessments/${TOWN}/history?year=2015`, { token: leader });

    // Assess
    expect(expected.status).toBe('ok');
    expect(validated.status).toBe(200);
    const listing = { issues: expected.issues, issuesTruncated: false, issueTotals: countIssues(expected.issues) };
    expect(validated.body).toEqual({ status: 'ok', town: TOWN, month: '2015-04', finalized: false, ...listing });
    expect(computed.status).toBe(200);
    expect(computed.body).toEqual({ runId: expect.any(String), status: 'ok', result: { ...expected, ...listing }, finalized: false, version: 1, correcting: false });
    expect(finalized.status).toBe(201);
    expect(finalized.body).toMatchObject({
      town: TOWN,
      month: '2015-04',
      state: 'final',
      created: true,
      runId: computed.body.runId,
      finalizedBy: 'chief-1',
      finalizedByRole: '书记',
      summary: { errors: 0, warnings: expected.issues.length, villages: expected.villages.length, groups: expected.groups.length },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ town: TOWN, month: '2015-04', state: 'final', runId: computed.body.runId, result: expected });
    expect(read.body.audit.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ['compute', 'secretary-1'],
      ['finalize', 'chief-1'],
    ]);
    expect(history.status).toBe(200);
    expect(history.body.months).toEqual([
      expect.objectContaining({ month: '2015-04', state: 'final', finalizedBy: 'chief-1', finalizedRunId: computed.body.runId }),
    ]);
  });

  it('lists every computed month of a year in order, drafts included', async () => {
    // Prepare
    for (const month of ['2015-02', '2015-01']) {
      await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month, grids } });
    }

    // Act
    const year2015 = await api.call('GET', `/v1/assessments/${TOWN}/history?year=2015`, { token: secretary });
    const year2016 = await api.call('GET', `/v1/assessments/${TOWN}/history?year=2016`, { token: secretary });

    // Assess
    const listed = year2015.body.months.map((m: { month: string; state: string }) => [m.month, m.state]);
    expect(listed.filter(([month]: string[]) => month !== '2015-04')).toEqual([
      ['2015-01', 'draft'],
      ['2015-02', 'draft'],
    ]);
    expect(year2016.body).toEqual({ town: TOWN, year: 2016, months: [] });
  });

  it('answers 404 for a month never computed and 422 for a malformed month', async () => {
    // Act
    const missing = await api.call('GET', `/v1/assessments/${TOWN}/2015-11`, { token: leader });
    const malformed = await api.call('GET', `/v1/assessments/${TOWN}/2015-4`, { token: leader });

    // Assess
    expect([missing.status, missing.body.code, missing.body.message]).toEqual([404, 'not_found', '花桥街镇2015年11月还没有考核记录。']);
    expect([malformed.status, malformed.body.code]).toEqual([422, 'invalid_request']);
  });

  it('answers 200 with the issue list when the workbook has errors, and refuses to finalise that run', async () => {
    // Prepare: a rank that is not a number (a column of 组别 outside the 定稿 lock, so no 定稿 month changes)
    const broken = structuredClone(grids);
    broken.find((grid) => grid.name === '组别')!.values[1]![4] = '第十五';

    // Act
    const computed = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month: '2015-03', grids: broken } });
    const finalized = await api.call('POST', `/v1/assessments/${TOWN}/2015-03/finalize`, { token: secretary });

    // Assess
    expect(computed.status).toBe(200);
    expect(computed.body.status).toBe('invalid');
    expect(computed.body.result.issues).toContainEqual(expect.objectContaining({ sheet: '组别', cell: 'E2', severity: 'error' }));
    expect([finalized.status, finalized.body.code]).toEqual([409, 'latest_run_invalid']);
  });

  it('refuses a workbook of another town', async () => {
    // Prepare
    const otherTown = structuredClone(grids);
    const params = otherTown.find((grid) => grid.name === '参数')!;
    params.values[1]![1] = '白水镇';

    // Act
    const answer = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids: otherTown } });

    // Assess
    expect([answer.status, answer.body.code]).toEqual([422, 'town_mismatch']);
    expect(answer.body.message).toContain('「白水镇」');
  });
});

describe('Idempotency-Key', () => {
  it('answers a retried compute with the first answer and stores one run', async () => {
    // Prepare
    const request = { token: secretary, json: { town: TOWN, month: '2015-03', grids }, headers: { 'idempotency-key': 'retry-0001' } };
    const runsBefore = (await store.listRuns(TOWN, '2015-03')).length;

    // Act
    const first = await api.call('POST', '/v1/assessments/compute', request);
    const retry = await api.call('POST', '/v1/assessments/compute', request);
    const reused = await api.call('POST', '/v1/assessments/compute', { ...request, json: { town: TOWN, month: '2015-02', grids } });

    // Assess
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.runId).toBe(first.body.runId);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await store.listRuns(TOWN, '2015-03')).length).toBe(runsBefore + 1);
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
  });
});

describe('identity and roles', () => {
  it('answers 401 for a missing, expired or wrong-audience token', async () => {
    // Prepare
    const expired = await api.stack.devToken('secretary-1', { expiresInSeconds: -30 });
    const otherAudience = await api.stack.devToken('secretary-1', { audience: 'api://another-app' });

    // Act
    const answers = await Promise.all(
      [undefined, expired, otherAudience, 'garbage'].map((token) => api.call('GET', MONTH_PATH, { token })),
    );

    // Assess
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([401, 'unauthorized']));
    expect(answers.map((a) => a.body.message)).toEqual([
      '缺少登录令牌（Authorization: Bearer …），请先登录。',
      '登录令牌已过期，请重新登录。',
      '登录令牌不是签发给本服务的（受众 aud 不符），请重新登录。',
      '登录令牌格式不正确，请重新登录。',
    ]);
    expect(answers[1]?.headers.get('www-authenticate')).toBe('Bearer error="invalid_token" error_description="the token has expired"');
  });

  it('answers 403 to a user of another town, to an unregistered user and to a role without the permission', async () => {
    // Prepare
    const stranger = await api.user('secretary-other', '秘书', '白水镇');
    const unknown = await api.stack.devToken('nobody');
    const mayor = await api.user('mayor-1', '镇长');

    // Act
    const readOther = await api.call('GET', MONTH_PATH, { token: stranger });
    const writeOther = await api.call('POST', '/v1/assessments/compute', { token: stranger, json: { town: TOWN, grids } });
    const unregistered = await api.call('GET', MONTH_PATH, { token: unknown });
    const leaderFinalizes = await api.call('POST', `${MONTH_PATH}/finalize`, { token: leader });
    const leaderComputes = await api.call('POST', '/v1/assessments/compute', { token: leader, json: { town: TOWN, grids } });
    const mayorValidates = await api.call('POST', '/v1/assessments/validate', { token: mayor, json: { town: TOWN, grids } });

    // Assess
    expect([readOther.status, readOther.body.code, readOther.body.message]).toEqual([
      403,
      'forbidden_town',
      '您属于「白水镇」，无权访问「花桥街镇」的考核数据。',
    ]);
    expect([writeOther.status, writeOther.body.code]).toEqual([403, 'forbidden_town']);
    expect([unregistered.status, unregistered.body.code]).toEqual([403, 'user_not_registered']);
    expect([leaderFinalizes.status, leaderFinalizes.body.code, leaderFinalizes.body.message]).toEqual([
      403,
      'forbidden_role',
      '您的角色「组长」无权定稿，只有秘书、书记、镇长可以定稿。',
    ]);
    expect([leaderComputes.status, leaderComputes.body.code]).toEqual([403, 'forbidden_role']);
    expect([mayorValidates.status, mayorValidates.body.code]).toEqual([403, 'forbidden_role']);
  });
});

describe('bad requests', () => {
  it('answers 4xx with a clear message to broken bodies and keeps serving', async () => {
    // Prepare
    const huge = JSON.stringify({ town: TOWN, grids: [{ name: '对村考核', origin: 'A1', values: [['x'.repeat(20 * 1024 * 1024)]] }] });
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20)));
    const wide = { town: TOWN, grids: [{ name: '对村考核', origin: 'A1', values: [new Array(100_000).fill('加2分')] }] };
    const call = (options: Parameters<TestApi['call']>[2]) => api.call('POST', '/v1/assessments/compute', { token: secretary, ...options });

    // Act
    const notJson = await call({ raw: '{"town": "花桥街镇", grids: [}', headers: { 'content-type': 'application/json' } });
    const wrongShape = await call({ json: { town: TOWN, grids: { name: '参数' } } });
    const tooBig = await call({ raw: huge });
    const gzipBomb = await call({ raw: bomb, headers: { 'content-encoding': 'gzip' } });
    const tooWide = await call({ json: wide, gzip: true });
    const afterwards = await call({ json: { town: TOWN, grids }, gzip: true });

    // Assess
    expect([notJson.status, notJson.body.code]).toEqual([400, 'invalid_json']);
    expect(notJson.body.message).toMatch(/^请求体不是有效的 JSON/);
    expect([wrongShape.status, wrongShape.body.code, wrongShape.body.message]).toEqual([422, 'invalid_request', '请求内容不符合要求：grids：grids 应为工作表数组']);
    expect([tooBig.status, tooBig.body.code, tooBig.body.maxBytes]).toEqual([413, 'payload_too_large', 10 * 1024 * 1024]);
    expect(tooBig.body.message).toContain('最大允许 10 MB');
    expect([gzipBomb.status, gzipBomb.body.code]).toEqual([413, 'payload_too_large']);
    expect(gzipBomb.body.message).toContain('解压后的请求体超过上限');
    expect([tooWide.status, tooWide.body.message]).toEqual([422, '请求内容不符合要求：grids[0].values[0]：一行有 100000 列，超过 Excel 工作表的上限 16384 列']);
    expect([afterwards.status, afterwards.body.status]).toEqual([200, 'ok']);
  });

  it('answers 404 for an unknown route and 400 for a malformed Idempotency-Key', async () => {
    // Act
    const unknown = await api.call('DELETE', MONTH_PATH, { token: secretary });
    const badKey = await api.call('POST', '/v1/assessments/compute', {
      token: secretary,
      json: { town: TOWN, grids },
      headers: { 'idempotency-key': 'has spaces in it' },
    });

    // Assess
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    expect([badKey.status, badKey.body.code]).toEqual([400, 'invalid_idempotency_key']);
  });
});

describe('CORS', () => {
  it('allows the add-in origin only', async () => {
    // Act
    const preflight = await fetch(`${api.stack.url}/v1/assessments/compute`, {
      method: 'OPTIONS',
      headers: { origin: ADDIN_ORIGIN, 'access-control-request-method': 'POST' },
    });
    const foreignPreflight = await fetch(`${api.stack.url}/v1/assessments/compute`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    const fromAddin = await api.call('GET', MONTH_PATH, { token: leader, headers: { origin: ADDIN_ORIGIN } });
    const fromElsewhere = await api.call('GET', MONTH_PATH, { token: leader, headers: { origin: 'https://evil.example' } });

    // Assess
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ADDIN_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type, content-encoding, idempotency-key');
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(fromAddin.headers.get('access-control-allow-origin')).toBe(ADDIN_ORIGIN);
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});
