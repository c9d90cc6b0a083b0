/**
 * Issue B3: DynamoDB stops answering (SIGSTOP) while a compute or a 定稿 is writing. The API must
 * answer 503 with Retry-After within seconds, keep answering other requests, and after SIGCONT
 * the month must be consistent: either the write happened with its audit entry, or nothing did,
 * and the retry says which.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/src/domain/types.js';
import { AssessmentStore } from '../../functions/src/store/AssessmentStore.js';
import { TOWN, exampleGrids, startTestApi, type ApiAnswer, type TestApi } from '../support/localApi.js';

const APRIL = `/v1/assessments/${TOWN}/2015-04`;
/** The bound the issue sets for an answer while the store is stalled. */
const ANSWER_BOUND_MS = 10_000;

let api: TestApi;
let store: AssessmentStore;
let grids: Grid[];
let secretary: string;

beforeAll(async () => {
  api = await startTestApi({ proxy: true });
  store = new AssessmentStore(api.dynamo.doc, api.dynamo.tableName);
  grids = await exampleGrids();
  secretary = await api.user('secretary-1', '秘书');
});

afterAll(async () => {
  api?.dynamo.resume();
  await api?.stop();
});

/** Freezes DynamoDB Local the moment the next request of `operation` passes the proxy. */
function pauseOn(operation: string): { paused: () => boolean } {
  let paused = false;
  api.proxy!.onRequest = (name) => {
    if (name !== operation || paused) return;
    paused = true;
    api.dynamo.pause();
  };
  return { paused: () => paused };
}

/** Lets DynamoDB run on and waits until it has worked off what it received while frozen. */
async function resumeAndSettle(): Promise<void> {
  api.proxy!.onRequest = null;
  api.dynamo.resume();
  await store.getMonth(TOWN, '2015-04');
  // The requests buffered while frozen are handled in the order received; give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function timed(work: Promise<ApiAnswer>): Promise<ApiAnswer & { ms: number }> {
  const started = performance.now();
  const answer = await work;
  return { ...answer, ms: performance.now() - started };
}

const compute = () => api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });

describe('a stalled DynamoDB', () => {
  it('answers a compute 503 with Retry-After within seconds, answers others meanwhile, and leaves runs and audit matching', async () => {
    // Prepare
    const first = await compute();
    const trigger = pauseOn('TransactWriteItems');

    // Act: the compute stalls on its write; meanwhile a second compute and a request needing no store
    const stalled = timed(compute());
    while (!trigger.paused()) await new Promise((resolve) => setTimeout(resolve, 20));
    const other = await timed(api.call('GET', '/v1/no-such-route', { token: secretary }));
    const second = await timed(compute());
    const answer = await stalled;
    await resumeAndSettle();
    const retry = await compute();

    // Assess
    expect(first.status).toBe(200);
    expect([answer.status, answer.body.code, answer.headers.get('retry-after')]).toEqual([503, 'service_unavailable', '5']);
    expect(answer.body.message).toContain('可能已经生效，也可能没有');
    expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect([other.status, other.ms < 1_000]).toEqual([404, true]);
    expect([second.status, second.headers.get('retry-after')]).toEqual([503, '5']);
    expect(second.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect([retry.status, retry.body.status]).toEqual([200, 'ok']);
    const runs = await store.listRuns(TOWN, '2015-04');
    const audited = (await store.listAudit(TOWN, '2015-04')).filter((entry) => entry.action === 'compute');
    expect(audited.map((entry) => entry.runId).sort()).toEqual(runs.map((run) => run.runId).sort());
    expect(runs.map((run) => run.runId)).toContain(first.body.runId);
    const month = await store.getMonth(TOWN, '2015-04');
    expect(month?.latestRun.runId).toBe(retry.body.runId);
  });

  it('answers a 定稿 503 within seconds; afterwards the month is final with its audit entry or not final, and the retry says which', async () => {
    // Prepare
    const computed = await compute();
    const trigger = pauseOn('TransactWriteItems');

    // Act
    const answer = await timed(api.call('POST', `${APRIL}/finalize`, { token: secretary }));
    const other = await timed(api.call('GET', '/v1/no-such-route', { token: secretary }));
    await resumeAndSettle();
    const afterStall = await store.getMonth(TOWN, '2015-04');
    const auditAfterStall = await store.listAudit(TOWN, '2015-04');
    const retry = await api.call('POST', `${APRIL}/finalize`, { token: secretary });
    const final = await store.getMonth(TOWN, '2015-04');
    const audit = await store.listAudit(TOWN, '2015-04');

    // Assess
    expect(trigger.paused()).toBe(true);
    expect([answer.status, answer.body.code, answer.headers.get('retry-after')]).toEqual([503, 'service_unavailable', '5']);
    expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect([other.status, other.ms < 1_000]).toEqual([404, true]);
    const finalizes = (entries: typeof audit) => entries.filter((entry) => entry.action === 'finalize');
    if (afterStall?.state === 'final') {
      // The stalled write landed late: with its own audit entry, and the retry reports the 定稿 as made.
      expect(finalizes(auditAfterStall)).toEqual([
        expect.objectContaining({ runId: afterStall.finalized?.runId, actor: 'secretary-1', at: afterStall.finalized?.finalizedAt }),
      ]);
      expect([retry.status, retry.body.created]).toEqual([200, false]);
    } else {
      expect(finalizes(auditAfterStall)).toEqual([]);
      expect([retry.status, retry.body.created]).toEqual([201, true]);
    }
    expect(final?.state).toBe('final');
    expect(final?.finalized?.runId).toBe(computed.body.runId);
    expect(finalizes(audit)).toEqual([expect.objectContaining({ runId: computed.body.runId, at: final?.finalized?.finalizedAt })]);
  });
});
