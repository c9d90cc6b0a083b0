import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyResult } from '../../functions/src/domain/emptyResult.js';
import type { MonthRow } from '../../functions/src/domain/types.js';
import { AssessmentStore, MonthChangedError, type NewRun } from '../../functions/src/store/AssessmentStore.js';
import { IdempotencyStore } from '../../functions/src/store/IdempotencyStore.js';
import { MAX_BLOB_BYTES } from '../../functions/src/store/blobs.js';
import { StoredValueTooLargeError } from '../../functions/src/store/storeErrors.js';
import { createDocumentClient } from '../../functions/src/store/dynamoClient.js';
import { startTestDynamo, type TestDynamo } from '../support/dynamoLocal.js';

const TOWN = '大块镇';
const MONTH = '2015-04';
const actor = { oid: 'secretary-1', role: '秘书' as const };

let dynamo: TestDynamo;
let store: AssessmentStore;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  store = new AssessmentStore(dynamo.doc, dynamo.tableName);
});

afterAll(async () => {
  await dynamo?.dispose();
});

/** `count` month rows of random text: gzip cannot shrink them below about 1 KB each. */
function noisyRows(count: number): MonthRow[] {
  return Array.from({ length: count }, (_, i) => ({
    month: MONTH,
    sheet: '考勤',
    row: i + 4,
    cells: { A: '2015-04-02', B: randomBytes(1024).toString('base64') },
  }));
}

async function run(monthRows: MonthRow[], runId: string): Promise<NewRun> {
  return {
    runId,
    town: TOWN,
    month: MONTH,
    actor,
    inputDigest: runId,
    result: emptyResult({ status: 'ok', town: TOWN, year: 2015, month: MONTH }),
    monthRows,
    outcome: 'ok',
    expected: await store.readYear(TOWN, MONTH),
  };
}

/** The TTL (epoch seconds, or null) of each chunk item, of those whose owner names `owner` when given. */
async function chunkExpiries(owner?: string): Promise<(number | null)[]> {
  const expiries: (number | null)[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.doc.send(
      new ScanCommand({
        TableName: dynamo.tableName,
        FilterExpression: owner === undefined ? '#type = :blob' : '#type = :blob AND contains(#owner, :owner)',
        ProjectionExpression: 'expiresAt',
        ExpressionAttributeNames: { '#type': 'type', ...(owner === undefined ? {} : { '#owner': 'owner' }) },
        ExpressionAttributeValues: { ':blob': 'blob', ...(owner === undefined ? {} : { ':owner': owner }) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) expiries.push(typeof item.expiresAt === 'number' ? item.expiresAt : null);
    start = page.LastEvaluatedKey;
  } while (start);
  return expiries;
}

/** How many chunk items the table holds. */
const chunkCount = async () => (await chunkExpiries()).length;

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('a run larger than one transaction', () => {
  it('stores a run of more than 4 MB of gzip and reads it back equal', async () => {
    // Prepare: 4,500 rows of 1 KB of random bytes (base64), over 4 MB once gzipped (a transaction carries 4 MB)
    const rows = noisyRows(4_500);
    expect(gzipSync(JSON.stringify(rows)).length).toBeGreaterThan(4 * 1024 * 1024);

    // Act
    const saved = await store.saveRun(await run(rows, 'big-run'));
    const month = await store.getMonth(TOWN, MONTH);
    const loaded = await store.loadRun(TOWN, month!.latestRun);

    // Assess
    expect(month!.latestRun.runId).toBe('big-run');
    expect(saved.run.rowCount).toBe(4_500);
    expect(await chunkCount()).toBeGreaterThanOrEqual(Math.ceil((4 * 1024 * 1024) / (350 * 1024)));
    // Claimed by the run's transaction: its chunks no longer expire
    const expiries = await chunkExpiries('big-run');
    expect(expiries.length).toBeGreaterThanOrEqual(12);
    expect(expiries).toEqual(Array(expiries.length).fill(null));
    expect(loaded.rows.map(({ digest: _digest, ...row }) => row)).toEqual(rows);
    expect(loaded.result.town).toBe(TOWN);
  });

  it('leaves the month as it was when the transaction fails after the chunks were written', async () => {
    // Prepare: a client of the same DynamoDB Local whose transaction never reaches it (the function dying, a lost connection)
    const doc = createDocumentClient({ tableName: dynamo.tableName, endpoint: dynamo.endpoint });
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return next(args);
      },
      { step: 'initialize', name: 'failTransaction' },
    );
    const failing = new AssessmentStore(doc, dynamo.tableName);
    const before = { month: await store.getMonth(TOWN, MONTH), runs: await store.listRuns(TOWN, MONTH), audit: await store.listAudit(TOWN, MONTH) };
    const chunksBefore = await chunkCount();

    // Act
    const failure = await failing.saveRun(await run(noisyRows(3_500), 'lost-run')).catch((error: unknown) => error);
    const after = { month: await store.getMonth(TOWN, MONTH), runs: await store.listRuns(TOWN, MONTH), audit: await store.listAudit(TOWN, MONTH) };
    const retried = await store.saveRun(await run(noisyRows(10), 'retried-run'));
    doc.destroy();

    // Assess: the chunks were written, yet nothing points at them and the month reads as before
    expect((failure as { code?: string }).code).toBe('ECONNRESET');
    expect(await chunkCount()).toBeGreaterThan(chunksBefore);
    // Never claimed: DynamoDB's TTL removes them a day after they were written
    const expiries = await chunkExpiries('lost-run');
    expect(expiries.length).toBeGreaterThanOrEqual(10);
    for (const expiry of expiries) expect(expiry! - nowSeconds()).toBeGreaterThan(23 * 3600);
    for (const expiry of expiries) expect(expiry! - nowSeconds()).toBeLessThanOrEqual(24 * 3600);
    expect(after).toEqual(before);
    expect(after.month!.latestRun.runId).toBe('big-run');
    expect(retried.state!.latestRun.runId).toBe('retried-run');
  });

  it('deletes the chunks of a run whose transaction was cancelled (the month changed meanwhile)', async () => {
    // Prepare: a run computed against a state of the month that another run has since replaced
    const stale = await run(noisyRows(3_500), 'stale-run');
    await store.saveRun(await run(noisyRows(10), 'winner-run'));
    const chunksBefore = await chunkCount();

    // Act
    const failure = await store.saveRun(stale).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(MonthChangedError);
    expect(await chunkCount()).toBe(chunksBefore);
    expect((await store.getMonth(TOWN, MONTH))!.latestRun.runId).toBe('winner-run');
  });

  it('refuses a run over the cap before writing anything', async () => {
    // Prepare
    const rows = noisyRows(Math.ceil(MAX_BLOB_BYTES / 1024));
    const chunksBefore = await chunkCount();

    // Act
    const failure = await store.saveRun(await run(rows, 'huge-run')).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(StoredValueTooLargeError);
    expect((failure as StoredValueTooLargeError).bytes).toBeGreaterThan(MAX_BLOB_BYTES);
    expect(await chunkCount()).toBe(chunksBefore);
    expect((await store.getMonth(TOWN, MONTH))!.latestRun.runId).toBe('winner-run');
  });

  it('replays a stored answer of more than 4 MB written with the run', async () => {
    // Prepare: an Idempotency-Key's answer as large as a 5.5 MB base64 answer
    const idempotency = new IdempotencyStore(dynamo.doc, dynamo.tableName);
    const claimed = await idempotency.claim(actor.oid, 'key-1', 'digest-1');
    if (claimed.kind !== 'claimed') throw new Error(`expected a claim, got ${claimed.kind}`);
    const response = { statusCode: 200, headers: { 'content-encoding': 'gzip' }, body: randomBytes(4 * 1024 * 1024).toString('base64') };

    // Act
    await store.saveRun({ ...(await run(noisyRows(10), 'keyed-run')), extraWrites: idempotency.completionWrites(claimed.claim, response) });
    const replay = await idempotency.claim(actor.oid, 'key-1', 'digest-1');

    // Assess: the answer's chunks expire with the record (they are not claimed)
    expect(replay).toEqual({ kind: 'replay', response });
    const kept = await chunkExpiries('IDEMPOTENCY');
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.every((expiry) => expiry !== null && expiry > nowSeconds() + 23 * 3600)).toBe(true);
  });
});
