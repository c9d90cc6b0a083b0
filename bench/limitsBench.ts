/**
 * Requests at the documented limits (`functions/src/domain/limits.ts`): each is answered by the
 * validate and the compute Lambda bundles in a fresh child process against DynamoDB Local, and
 * the time and peak memory are set against the functions' configured timeout and memory
 * (`infra/ServiceApi.ts`).
 *
 * - `rows-limit`: the example workbook with 考勤 at the row limit, every row an error (issue B1
 *   at the limit: the answer lists 1,000 issues of 150,000).
 * - `all-limits`: twice the district year, filled up to the sheet, non-empty cell and text limits
 *   at once.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIMITS } from '../functions/src/domain/limits.js';
import type { Grid } from '../functions/src/domain/types.js';
import { startDynamoDbLocal } from '../functions/src/server/dynamoDbLocal.js';
import { createDocumentClient } from '../functions/src/store/dynamoClient.js';
import { ensureTable } from '../functions/src/store/tableSchema.js';
import { UserStore } from '../functions/src/store/UserStore.js';
import { bundleLikeLambda, CACHE_DIR } from './bundle.js';
import type { LimitFigures } from './limitProbe.js';
import { SIZES, syntheticTown, SYNTHETIC_TOWN } from './syntheticTown.js';

const run = promisify(execFile);
const TABLE = 'mubiao-kaohe-bench-limits';
const OID = 'bench-secretary';

export interface LimitWorkload {
  id: string;
  sheets: number;
  maxRows: number;
  nonEmptyCells: number;
  longestText: number;
  gzipBytes: number;
  validate: LimitFigures;
  compute: LimitFigures;
}

/** Counts what the limits count. */
function measure(grids: readonly Grid[]): Pick<LimitWorkload, 'sheets' | 'maxRows' | 'nonEmptyCells' | 'longestText'> {
  const rows = new Map<string, number>();
  let nonEmptyCells = 0;
  let longestText = 0;
  for (const grid of grids) {
    rows.set(grid.name, (rows.get(grid.name) ?? 0) + grid.values.length);
    for (const row of grid.values)
      for (const value of row) {
        if (value === null || value === '') continue;
        nonEmptyCells += 1;
        if (typeof value === 'string') longestText = Math.max(longestText, value.length);
      }
  }
  return { sheets: rows.size, maxRows: Math.max(...rows.values()), nonEmptyCells, longestText };
}

/** 考勤 of `base` at the row limit, each row naming nobody known (B1). */
export function rowsAtLimit(base: Grid[]): Grid[] {
  const grids = structuredClone(base);
  const sheet = grids.find((grid) => grid.name === '考勤')!;
  const head = sheet.values.slice(0, sheet.values.findIndex((row) => row.includes('姓名')) + 1);
  sheet.values = [...head, ...Array.from({ length: LIMITS.rowsPerSheet - head.length }, (_, i) => [42036, `无名氏${i % 1000}`, '节假日值班', '在岗', '', '周小平'])];
  return grids;
}

/** Twice the district year, with filler sheets up to the sheet limit, cells up to the cell limit and one text at the text limit. */
export function allLimits(): Grid[] {
  const district = SIZES.find((size) => size.id === 'district-year')!;
  const double = { ...district, villages: 2 * district.villages, groups: 2 * district.groups, staff: 2 * district.staff, scores: 2 * district.scores, attendance: 2 * district.attendance, plans: 2 * district.plans };
  const grids = syntheticTown(double);
  const counted = measure(grids);
  const fillers = LIMITS.sheets - counted.sheets;
  const cellsLeft = LIMITS.nonEmptyCells - counted.nonEmptyCells - 1;
  const perSheet = Math.ceil(cellsLeft / fillers / 4);
  let left = cellsLeft;
  for (let s = 0; s < fillers; s += 1) {
    const values: string[][] = [];
    for (let r = 0; r < perSheet && left > 0; r += 1) {
      const row = Array.from({ length: Math.min(4, left) }, (_, c) => `备注${s}-${r}-${c}`);
      left -= row.length;
      values.push(row);
    }
    grids.push({ name: `备注${s + 1}`, origin: 'A1', values: s === 0 ? [['x'.repeat(LIMITS.cellTextChars)], ...values] : values });
  }
  return grids;
}

/**
 * The HTTP API event of a request as API Gateway hands it to the function: gzip body, base64,
 * verified claims, and gzip answers accepted as the add-in's fetch does.
 */
function eventFor(path: string, body: Buffer): unknown {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-encoding': 'gzip, deflate, br' },
    body: body.toString('base64'),
    isBase64Encoded: true,
    requestContext: { requestId: 'bench', http: { method: 'POST', path }, authorizer: { jwt: { claims: { oid: OID }, scopes: null } } },
  };
}

/** Answers each workload by the validate and compute bundles in child processes. */
export async function benchLimits(workloads: { id: string; grids: Grid[] }[], progress: (message: string) => void): Promise<LimitWorkload[]> {
  const dynamo = await startDynamoDbLocal({ maxHeap: '1g' });
  const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = createDocumentClient({ tableName: TABLE, endpoint: dynamo.endpoint });
  try {
    await ensureTable(admin, TABLE);
    await new UserStore(doc, TABLE).put({ oid: OID, town: SYNTHETIC_TOWN, role: '秘书' }, 'bench');
    const bundles = {
      validate: await bundleLikeLambda('functions/src/handlers/validate.ts', 'validate'),
      compute: await bundleLikeLambda('functions/src/handlers/compute.ts', 'compute'),
    };
    const probe = await bundleLikeLambda('bench/limitProbe.ts', 'limitProbe');
    const env = { ...process.env, TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
    const results: LimitWorkload[] = [];
    for (const { id, grids } of workloads) {
      const body = gzipSync(JSON.stringify({ town: SYNTHETIC_TOWN, grids }));
      const answer = async (route: 'validate' | 'compute'): Promise<LimitFigures> => {
        progress(`limits ${id} ${route}`);
        const file = join(CACHE_DIR, `limit-${id}-${route}.json`);
        writeFileSync(file, JSON.stringify(eventFor(`/v1/assessments/${route}`, body)));
        try {
          const { stdout } = await run(process.execPath, [probe, bundles[route], file], { env, maxBuffer: 1024 * 1024 });
          return JSON.parse(stdout) as LimitFigures;
        } finally {
          rmSync(file);
        }
      };
      results.push({ id, ...measure(grids), gzipBytes: body.length, validate: await answer('validate'), compute: await answer('compute') });
    }
    return results;
  } finally {
    doc.destroy();
    admin.destroy();
    await dynamo.stop();
  }
}
