import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../functions/src/domain/types.js';
import { serviceContext } from '../../functions/src/handlers/serviceContext.js';
import { AssessmentStore } from '../../functions/src/store/AssessmentStore.js';
import { TOWN, exampleGrids, startTestApi, type TestApi } from '../support/localApi.js';

let api: TestApi;
let dataDir: string;
let grids: Grid[];
let secretary: string;

beforeAll(async () => {
  // On disk, so what was (or was not) stored survives the restart of DynamoDB Local.
  dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-faults-'));
  // Inline: the test hooks the handlers' own store client, which a worker thread would not share.
  api = await startTestApi({ dbPath: dataDir, isolation: 'inline' });
  grids = await exampleGrids();
  secretary = await api.user('secretary-1', '秘书');
});

afterAll(async () => {
  await api?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('when DynamoDB goes away', () => {
  it('answers 503 with a retry hint, stores nothing, and computes again after a restart', async () => {
    // Prepare: stop DynamoDB Local for real the moment the compute is about to write its run
    const store = new AssessmentStore(api.dynamo.doc, api.dynamo.tableName);
    await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });
    const runsBefore = await store.listRuns(TOWN, '2015-04');
    const auditBefore = await store.listAudit(TOWN, '2015-04');
    let armed = true;
    serviceContext().doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (armed && context.commandName === 'TransactWriteItemsCommand') {
          armed = false;
          await api.dynamo.stop();
        }
        return next(args);
      },
      { step: 'initialize', name: 'stopDynamoDbMidRequest' },
    );

    // Act
    const duringOutage = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });
    const whileDown = await api.call('GET', `/v1/assessments/${TOWN}/2015-04`, { token: secretary });
    await api.dynamo.restart();
    const afterRestart = await api.call('POST', '/v1/assessments/compute', { token: secretary, json: { town: TOWN, grids } });

    // Assess
    expect(armed).toBe(false);
    expect([duringOutage.status, duringOutage.body.code, duringOutage.body.retryAfterSeconds]).toEqual([503, 'service_unavailable', 5]);
    expect(duringOutage.headers.get('retry-after')).toBe('5');
    expect(duringOutage.body.message).toBe('数据服务暂时不可用，本次请求没有保存任何内容，请约 5 秒后重试。');
    expect([whileDown.status, whileDown.body.code]).toEqual([503, 'service_unavailable']);
    expect([afterRestart.status, afterRestart.body.status]).toEqual([200, 'ok']);
    const runsAfter = await store.listRuns(TOWN, '2015-04');
    expect(runsAfter.map((run) => run.runId)).toEqual([...runsBefore.map((run) => run.runId), afterRestart.body.runId]);
    const auditAfter = await store.listAudit(TOWN, '2015-04');
    expect(auditAfter).toHaveLength(auditBefore.length + 1);
  });
});
