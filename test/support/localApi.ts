import { gzipSync } from 'node:zlib';
import { AccountAdmin } from '../../functions/src/auth/accountAdmin.js';
import { ScryptHasher } from '../../functions/src/auth/passwords.js';
import type { Role } from '../../functions/src/auth/roles.js';
import { AccountStore } from '../../functions/src/store/AccountStore.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../functions/src/server/localStack.js';
import { readWorkbookFile } from '../../functions/src/workbook/readWorkbookFile.js';
import { startTestDynamo, type TestDynamo } from './dynamoLocal.js';

export const TOWN = '花桥街镇';
export const EXAMPLE_WORKBOOK = 'examples/花桥街镇-2015.xlsx';

/** An answer of the local API: status, headers and the parsed JSON body. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Tests read arbitrary fields of the JSON answers.
  body: any;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** A raw body (sent as is; gzip it yourself when testing encodings). */
  raw?: Uint8Array | string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** The local stack of a test file, with a caller that speaks JSON and registered users' tokens. */
export interface TestApi {
  stack: LocalStack;
  dynamo: TestDynamo;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  /** Registers `oid` with a town and role and returns a development token for it. */
  user(oid: string, role: Role, town?: string): Promise<string>;
  /** Creates an account with a password, as `npm run users -- add` does; returns its one-time password. */
  createAccount(login: string, role: Role, town?: string): Promise<string>;
  /**
   * Creates an account, signs in with the one-time password, sets `password` and signs in again:
   * the answer of that last `POST /v1/auth/login`.
   */
  signIn(login: string, role: Role, town?: string, password?: string): Promise<ApiAnswer['body']>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local and the local API in-process for one test file. Logs are silenced.
 * `dbPath` keeps DynamoDB's data on disk so it survives a restart (fault tests).
 */
export async function startTestApi(options: { dbPath?: string } & Partial<LocalStackOptions> = {}): Promise<TestApi> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const dynamo = await startTestDynamo({ dbPath: options.dbPath });
  const stack = await startLocalStack({
    inMemory: true,
    dynamoEndpoint: dynamo.endpoint,
    tableName: dynamo.tableName,
    ...options,
  });
  const admin = new AccountAdmin({ accounts: new AccountStore(dynamo.doc, dynamo.tableName), hasher: new ScryptHasher() });
  const api: TestApi = {
    stack,
    dynamo,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
      let body: Uint8Array | string | undefined = callOptions.raw;
      if (callOptions.json !== undefined) {
        body = JSON.stringify(callOptions.json);
        headers['content-type'] ??= 'application/json';
      }
      if (callOptions.gzip && body !== undefined) {
        body = new Uint8Array(gzipSync(body));
        headers['content-encoding'] = 'gzip';
      }
      const payload = body instanceof Uint8Array ? new Uint8Array(body) : body;
      const response = await fetch(`${stack.url}${encodeURI(path)}`, { method, headers, body: payload });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async user(oid, role, town = TOWN) {
      await stack.addUser(oid, town, role);
      return stack.devToken(oid);
    },
    async createAccount(login, role, town = TOWN) {
      const created = await admin.createAccount(town, { login, role }, { actor: 'test', sourceIp: null });
      return created.oneTimePassword;
    },
    async signIn(login, role, town = TOWN, password = 'Passw0rd-新') {
      const oneTime = await api.createAccount(login, role, town);
      const first = await api.call('POST', '/v1/auth/login', { json: { login, password: oneTime } });
      if (first.status !== 200) throw new Error(`sign-in of ${login} failed: ${JSON.stringify(first.body)}`);
      const changed = await api.call('POST', '/v1/auth/password', {
        token: first.body.accessToken,
        json: { currentPassword: oneTime, newPassword: password },
      });
      if (changed.status !== 200) throw new Error(`password change of ${login} failed: ${JSON.stringify(changed.body)}`);
      return (await api.call('POST', '/v1/auth/login', { json: { login, password } })).body;
    },
    async stop() {
      await stack.stop();
      await dynamo.dispose();
    },
  };
  return api;
}

let example: Promise<Grid[]> | undefined;

/** The grids of the example workbook (read once per test file; copy before editing). */
export function exampleGrids(): Promise<Grid[]> {
  example ??= readWorkbookFile(EXAMPLE_WORKBOOK);
  return example.then((grids) => structuredClone(grids));
}
