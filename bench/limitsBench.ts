/**
 * Requests at the documented limits (`functions/src/domain/limits.ts`): each is answered by the
 * validate and the compute Lambda bundles in a fresh child process against DynamoDB Local, and
 * the time and peak memory are set against the functions' configured timeout and memory
 * (`infra/ServiceApi.ts`).
 *
 * - `rows-limit`: the example workbook with 考勤 at the row limit, every row an error (issue B1
 *   at the limit: the answer lists 1,000 issues of 150,000).
 * - `all-limits`: every workbook limit at once (sheets, rows of one sheet, non-empty cells, text)
 *   in a request that can be sent: a scaled district year and compressible filler sheets, the
 *   gzip just under the body limit.
 * - `body-limit`: the district year scaled until its gzip is just under the body limit, the
 *   largest synthetic town that can be sent.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LIMITS, MAX_REQUEST_BYTES } from '../functions/src/domain/limits.js';
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

/** The district year with every count scaled by `factor`. */
function scaledDistrict(factor: number): Grid[] {
  const district = SIZES.find((size) => size.id === 'district-year')!;
  const scale = (n: number) => Math.round(factor * n);
  return syntheticTown({ ...district, villages: scale(district.villages), groups: scale(district.groups), staff: scale(district.staff), scores: scale(district.scores), attendance: scale(district.attendance), plans: scale(district.plans) });
}

/** The request body as the bench sends it: gzip of the JSON. */
function requestBody(grids: readonly Grid[]): Buffer {
  return gzipSync(JSON.stringify({ town: SYNTHETIC_TOWN, grids }));
}

/**
 * `build(factor)` for the largest factor whose request is just under the body limit
 * (`MAX_REQUEST_BYTES`, between 97 % and 100 % of it): a few tries, each scaling by how far off the last was.
 */
function justUnderBodyLimit(build: (factor: number) => Grid[]): Grid[] {
  let factor = 1.5;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const grids = build(factor);
    const bytes = requestBody(grids).length;
    if (bytes <= MAX_REQUEST_BYTES && bytes >= 0.97 * MAX_REQUEST_BYTES) return grids;
    factor *= (0.985 * MAX_REQUEST_BYTES) / bytes;
  }
  throw new Error('no scale of the district year fits just under the body limit');
}

/** The largest synthetic town whose request can be sent: the district year scaled to just under the body limit. */
export function bodyLimit(): Grid[] {
  return justUnderBodyLimit(scaledDistrict);
}

/**
 * Every workbook limit at once in a request that can be sent: a scaled district year, then
 * filler sheets up to the sheet limit, the first at the row limit (one cell a row), cells up to
 * the cell limit and one text at the text limit. Fillers repeat a few short texts, so they
 * compress well and the town is scaled to keep the gzip just under the body limit.
 */
export function allLimits(): Grid[] {
  return justUnderBodyLimit((factor) => withFillers(scaledDistrict(factor)));
}

function withFillers(grids: Grid[]): Grid[] {
  const counted = measure(grids);
  const fillers = LIMITS.sheets - counted.sheets;
  let left = LIMITS.nonEmptyCells - counted.nonEmptyCells - 1;
  const text = (r: number) => `备注${r % 50}`;
  const rowLimitSheet: Grid = {
    name: '备注1',
    origin: 'A1',
    values: [['x'.repeat(LIMITS.cellTextChars)], ...Array.from({ length: LIMITS.rowsPerSheet - 1 }, (_, r) => [text(r)])],
  };
  left -= LIMITS.rowsPerSheet - 1;
  const perSheet = Math.ceil(left / (fillers - 1) / 4);
  const rest = Array.from({ length: fillers - 1 }, (_, s): Grid => {
    const values: string[][] = [];
    for (let r = 0; r < perSheet && left > 0; r += 1) {
      const row = Array.from({ length: Math.min(4, left) }, (_, c) => text(r + c));
      left -= row.length;
      values.push(row);
    }
    return { name: `备注${s + 2}`, origin: 'A1', values };
  });
  return [...grids, rowLimitSheet, ...rest];
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
      const body = requestBody(grids);
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
