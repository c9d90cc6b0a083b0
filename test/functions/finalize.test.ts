import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectMonthRows, compute } from '../../functions/src/domain/index.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { AssessmentStore, MonthChangedError, type YearView } from '../../functions/src/store/AssessmentStore.js';
import { TOWN, exampleGrids, startTestApi, type TestApi } from '../support/localApi.js';

const APRIL = `/v1/assessments/${TOWN}/2015-04`;
const SCORES = '对村考核-计生组';

let api: TestApi;
let grids: Grid[];
let secretary: string;
let chief: string;

beforeAll(async () => {
  api = await startTestApi();
  grids = await exampleGrids();
  secretary = await api.user('secretary-1', '秘书');
  chief = await api.user('chief-1', '书记');
});

afterAll(async () => {
  await api?.stop();
});

/** The example with one cell of a 对村考核-计生组 row changed (`row` is the sheet row, 1-based). */
function withScore(row: number, column: number, value: unknown): Grid[] {
  const edited = structuredClone(grids);
  edited.find((grid) => grid.name === SCORES)!.values[row - 1]![column] = value;
  return edited;
}

describe('finalising a month (定稿)', () => {
  it('makes exactly one 定稿 of 20 concurrent calls, answers all alike and audits every call', async () => {
    // Prepare
    const computed = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });

    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.call('POST', `${APRIL}/finalize`, { token: i % 2 === 0 ? secretary : chief })),
    );
    const month = await api.call('GET', APRIL, { token: chief });

    // Assess
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    const winner = answers.find((a) => a.status === 201)!.body;
    expect(winner.runId).toBe(computed.body.runId);
    for (const answer of answers) {
      expect(answer.body).toEqual({ ...winner, created: answer.status === 201 });
    }
    expect(month.body.state).toBe('final');
    expect(month.body.finalized).toMatchObject({ runId: computed.body.runId, finalizedAt: winner.finalizedAt });
    const actions = month.body.audit.map((entry: { action: string }) => entry.action);
    expect(actions.filter((a: string) => a === 'compute')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'finalize')).toHaveLength(1);
    expect(actions.filter((a: string) => a === 'finalize_repeat')).toHaveLength(19);
    expect(month.body.audit.filter((entry: { actor: string }) => entry.actor === 'chief-1')).toHaveLength(10);
  });

  it('refuses a recompute whose finalised entries changed, naming the edited, added and removed cells', async () => {
    // Prepare: row 57 of 对村考核-计生组 is an April entry (2015-04-01, 大坪村, JS-03, -0.5)
    const before = await api.call('GET', APRIL, { token: chief });
    const edited = withScore(57, 3, -1.5);
    const added = structuredClone(grids);
    added.find((grid) => grid.name === SCORES)!.values.push([42110, '长塘村', 'JS-01', -1, '补录的扣分', '', '蒋丽华']);
    const removed = structuredClone(grids);
    removed.find((grid) => grid.name === SCORES)!.values.splice(56, 1);
    const compute409 = (workbook: Grid[]) => api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids: workbook } });

    // Act
    const afterEdit = await compute409(edited);
    const afterAdd = await compute409(added);
    const afterRemove = await compute409(removed);
    const unchanged = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });
    const after = await api.call('GET', APRIL, { token: chief });

    // Assess
    expect([afterEdit.status, afterEdit.body.code, afterEdit.body.finalized]).toEqual([409, 'finalized_month_changed', true]);
    expect(afterEdit.body.issues).toEqual([
      {
        sheet: SCORES,
        cell: 'D57',
        severity: 'error',
        code: 'finalized_month_changed',
        message: '2015年4月已定稿，此单元格在定稿后被修改：原为「-0.5」，现为「-1.5」。定稿后的数据不能更改。',
      },
    ]);
    expect(afterEdit.body.message).toBe(`已定稿月份的数据被修改，共 1 处（${SCORES}!D57），本次计算未被采用。定稿后的数据不能更改；确需更改时，请秘书申请更正，经书记或镇长批准。`);
    const addedRow = grids.find((grid) => grid.name === SCORES)!.values.length + 1;
    expect(afterAdd.body.issues.map((i: { cell: string }) => i.cell)).toEqual([`A${addedRow}`]);
    expect(afterAdd.body.issues[0].message).toContain('此行是定稿后新增的');
    expect(afterRemove.status).toBe(409);
    expect(afterRemove.body.issues.some((i: { message: string }) => i.message.includes('已被删除或改到其他月份'))).toBe(true);
    expect([unchanged.status, unchanged.body.status, unchanged.body.finalized]).toEqual([200, 'ok', true]);
    expect(after.body.finalized).toEqual(before.body.finalized);
    expect(after.body.runId).toBe(before.body.runId);
    expect(after.body.result).toEqual(before.body.result);
    expect(after.body.latestRun.runId).toBe(unchanged.body.runId);
    const outcomes = after.body.audit.filter((e: { action: string }) => e.action === 'compute').map((e: { outcome: string }) => e.outcome);
    expect(outcomes.slice(-4)).toEqual(['finalized_month_changed', 'finalized_month_changed', 'finalized_month_changed', 'ok']);
  });

  it('locks a finalised January when April is computed (its entries count in the year to date)', async () => {
    // Prepare: row 3 of 对村考核-计生组 is a January entry (2015-01-04, 大坪村, JS-05, -2)
    await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month: '2015-01', grids } });
    const january = await api.call('POST', `/v1/assessments/${TOWN}/2015-01/finalize`, { token: chief });

    // Act
    const april = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids: withScore(3, 3, -3) } });

    // Assess
    expect(january.status).toBe(201);
    expect(april.status).toBe(409);
    expect(april.body.issues.map((i: { sheet: string; cell: string }) => `${i.sheet}!${i.cell}`)).toEqual([`${SCORES}!D3`]);
    expect(april.body.issues[0].message).toContain('2015年1月已定稿');
  });

  it('refuses to finalise a month never computed and a run that is no longer the latest', async () => {
    // Prepare
    const first = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month: '2015-02', grids } });
    await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month: '2015-02', grids } });

    // Act
    const never = await api.call('POST', `/v1/assessments/${TOWN}/2015-09/finalize`, { token: chief });
    const outdated = await api.call('POST', `/v1/assessments/${TOWN}/2015-02/finalize`, { token: chief, json: { runId: first.body.runId } });

    // Assess
    expect([never.status, never.body.code, never.body.message]).toEqual([409, 'nothing_to_finalize', '花桥街镇2015年9月还没有计算结果，请先计算考核再定稿。']);
    expect([outdated.status, outdated.body.code]).toEqual([409, 'run_outdated']);
  });

  it('answers a retried finalize with the same Idempotency-Key with the first answer', async () => {
    // Prepare
    await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, month: '2015-03', grids } });
    const request = { token: chief, headers: { 'idempotency-key': 'finalize-march-1' } };

    // Act
    const first = await api.call('POST', `/v1/assessments/${TOWN}/2015-03/finalize`, request);
    const retry = await api.call('POST', `/v1/assessments/${TOWN}/2015-03/finalize`, request);
    const plainRepeat = await api.call('POST', `/v1/assessments/${TOWN}/2015-03/finalize`, { token: chief });

    // Assess
    expect([first.status, retry.status, plainRepeat.status]).toEqual([201, 201, 200]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(plainRepeat.body).toEqual({ ...first.body, created: false });
  });
});

describe('AssessmentStore', () => {
  it('refuses to store a run computed before a 定稿 that landed meanwhile', async () => {
    // Prepare: another town, so the API tests above are not disturbed
    const store = new AssessmentStore(api.dynamo.doc, api.dynamo.tableName);
    const town = '白水镇';
    const result = compute(grids);
    const { rows } = collectMonthRows(grids, {});
    const actor = { oid: 'secretary-2', role: '秘书' as const };
    const saveRun = (runId: string, expected: YearView) =>
      store.saveRun({ runId, town, month: '2015-04', actor, inputDigest: 'digest', result, monthRows: rows, outcome: 'ok', expected });
    await saveRun('run-1', await store.readYear(town, '2015-04'));
    const stale = await store.readYear(town, '2015-04');
    await store.finalize({ town, month: '2015-04', actor });

    // Act
    const refused = await saveRun('run-2', stale).catch((error: unknown) => error);
    const runs = await store.listRuns(town, '2015-04');

    // Assess
    expect(refused).toBeInstanceOf(MonthChangedError);
    expect(runs.map((run) => run.runId)).toEqual(['run-1']);
  });
});
