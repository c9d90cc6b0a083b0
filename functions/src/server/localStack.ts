import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { createLocalJWKSet } from 'jose';
import type { Role } from '../auth/roles.js';
import { jwksOf, LocalTokenSigner, SERVICE_AUDIENCE, signAccessToken } from '../auth/tokenSigner.js';
import { TokenError, verifyBearerToken, type JwtAuthorizerConfig, type VerifiedClaims } from '../auth/verifyToken.js';
import { handler as accounts } from '../handlers/accounts.js';
import { handler as changePassword } from '../handlers/changePassword.js';
import { handler as compute } from '../handlers/compute.js';
import { handler as finalize } from '../handlers/finalize.js';
import { handler as getAssessment } from '../handlers/getAssessment.js';
import { handler as history } from '../handlers/history.js';
import { handler as login } from '../handlers/login.js';
import { handler as logout } from '../handlers/logout.js';
import { handler as refresh } from '../handlers/refresh.js';
import { resetServiceContext, serviceContext } from '../handlers/serviceContext.js';
import { handler as validate } from '../handlers/validate.js';
import { handler as wellKnown } from '../handlers/wellKnown.js';
import { isPublicRoute, matchRoute, type ApiRoute } from '../http/apiRoutes.js';
import { corsHeaders, preflightHeaders } from '../http/cors.js';
import { HttpError, payloadTooLarge } from '../http/HttpError.js';
import { maxBodyBytes } from '../http/requestBody.js';
import { errorResponse, jsonResponse } from '../http/responses.js';
import { ensureTable } from '../store/tableSchema.js';
import type { UserRecord } from '../store/UserStore.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamoDbLocal.js';
import { readBody, safeDecode, toHttpApiEvent, writeResult } from './httpApiAdapter.js';
import { serveStatic } from './staticFiles.js';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2>;

/** The same handler functions the Lambdas export, by handler file. */
const HANDLERS: Record<ApiRoute['handlerFile'], Handler> = {
  validate,
  compute,
  finalize,
  getAssessment,
  history,
  login,
  refresh,
  logout,
  changePassword,
  accounts,
  wellKnown,
};

/** Overrides for crafting access tokens in tests (an expired one, another audience…). */
export interface DevTokenOptions {
  /** Lifetime in seconds from now (default 1 hour); negative makes an expired token. */
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
}

export interface LocalStackOptions {
  /** Port of the API and add-in server; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Keeps DynamoDB's data and the token signing key (default `.data`). */
  dataDir?: string;
  /** Runs DynamoDB Local in memory (tests); the signing key then lives in a temporary file. */
  inMemory?: boolean;
  /** Uses an already running DynamoDB instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** TLS key and certificate; plain HTTP without. */
  tls?: { key: Buffer | string; cert: Buffer | string };
  /** The built add-in to serve (`dist/addin`); API only when absent. */
  addinDir?: string;
  /** CORS origin; defaults to the server's own origin. */
  allowedOrigin?: string;
  maxBodyBytes?: number;
  /**
   * Test suites only: offers `GET /dev/token?oid=…`, a token for any registered user without a
   * password (the add-in's old development sign-in). `npm start` never turns it on.
   */
  devTokenEndpoint?: boolean;
  /** An authorizer other than the service's own tokens (e.g. a real Entra ID tenant). */
  authorizer?: JwtAuthorizerConfig;
}

/** A running local stack: DynamoDB Local, the API through the HTTP API adapter, the add-in. */
export interface LocalStack {
  /** Base URL, e.g. `https://localhost:3000`. */
  url: string;
  tableName: string;
  /** DynamoDB Local when this stack started it (stop/restart it to test faults). */
  dynamo: DynamoDbLocal | null;
  dynamoEndpoint: string;
  /** Test suites only: signs an access token for `oid` with the service's key, without a sign-in. */
  devToken(oid: string, options?: DevTokenOptions): Promise<string>;
  /** Registers a user (town and role), as `npm run users -- add` does. */
  addUser(oid: string, town: string, role: Role): Promise<UserRecord>;
  stop(): Promise<void>;
}

/**
 * Starts the whole API locally: DynamoDB Local (unless an endpoint is given), the table, and an
 * HTTP(S) server that verifies tokens like the HTTP API's JWT authorizer, turns each request into
 * an HTTP API v2 event and calls the Lambda handlers; other paths serve the built add-in.
 * The handlers read their configuration from the environment, so one stack runs per process.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const tableName = options.tableName ?? 'mubiao-kaohe';
  const dynamo = options.dynamoEndpoint
    ? null
    : await startDynamoDbLocal(options.inMemory ? {} : { dbPath: join(dataDir, 'dynamodb') });
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  try {
    const admin = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(admin, tableName);
    admin.destroy();

    const keyFile = options.inMemory ? join(tmpdir(), `mubiao-signing-key-${randomUUID()}.json`) : join(dataDir, 'signing-key.json');
    const signer = await LocalTokenSigner.fromFile(keyFile);
    const server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
    // A compute runs on this event loop; a keep-alive timer shorter than the longest compute would
    // close connections a client has already sent its next request on.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? 'localhost', () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    const url = `${options.tls ? 'https' : 'http'}://localhost:${port}`;
    // The gateway's check: issuer = the API's own URL, audience = the service (docs/identity.md).
    const authorizer = options.authorizer ?? { issuer: url, audience: [SERVICE_AUDIENCE], keys: createLocalJWKSet(await jwksOf(signer)) };

    resetServiceContext();
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      ALLOWED_ORIGIN: options.allowedOrigin ?? url,
      POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'mubiao-kaohe',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      TOKEN_ISSUER: url,
      TOKEN_AUDIENCE: SERVICE_AUDIENCE,
      SIGNING_KEY_FILE: keyFile,
      SIGNING_KEY_ID: '',
      ...(options.maxBodyBytes ? { MAX_BODY_BYTES: String(options.maxBodyBytes) } : {}),
    });
    const limit = maxBodyBytes();
    const addinDir = options.addinDir && existsSync(options.addinDir) ? resolve(options.addinDir) : undefined;

    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const requestUrl = new URL(request.url ?? '/', url);
      const work = requestUrl.pathname.startsWith('/v1/') || requestUrl.pathname.startsWith('/.well-known/')
        ? handleApi(request, response, requestUrl)
        : requestUrl.pathname === '/dev/token' && options.devTokenEndpoint
          ? handleDevToken(request, response, requestUrl)
          : serveStatic(response, addinDir, requestUrl.pathname);
      work.catch((error: unknown) => {
        if (!response.headersSent) {
          writeResult(response, errorResponse(new HttpError(500, 'internal_error', `本地服务出错：${String(error)}`)));
        }
      });
    });

    async function handleApi(request: IncomingMessage, response: ServerResponse, requestUrl: URL): Promise<void> {
      const origin = request.headers.origin;
      const allowed = process.env.ALLOWED_ORIGIN;
      if (request.method === 'OPTIONS') {
        response.writeHead(204, preflightHeaders(origin, allowed)).end();
        return;
      }
      const cors = corsHeaders(origin, allowed);
      const segments = requestUrl.pathname.split('/').filter(Boolean).map(safeDecode);
      const match = matchRoute(request.method ?? 'GET', segments);
      if (!match) {
        const message = `没有这个接口：${request.method} ${requestUrl.pathname}`;
        writeResult(response, errorResponse(new HttpError(404, 'not_found', message), { ...cors, connection: 'close' }));
        return;
      }
      // The authorizer runs before the integration sees the body, as in API Gateway; public routes skip it.
      let claims: VerifiedClaims = {};
      try {
        if (!isPublicRoute(match.route)) claims = await verifyBearerToken(request.headers.authorization, authorizer);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const refusal = new HttpError(401, 'unauthorized', error.message, {}, {
          'www-authenticate': `Bearer error="invalid_token" error_description="${error.description}"`,
        });
        writeResult(response, errorResponse(refusal, { ...cors, connection: 'close' }));
        return;
      }
      const body = await readBody(request, limit);
      if (body === null) {
        writeResult(response, errorResponse(payloadTooLarge(limit), { ...cors, connection: 'close' }));
        return;
      }
      const event = toHttpApiEvent({
        request,
        url: requestUrl,
        body,
        routeKey: `${match.route.method} ${match.route.path}`,
        pathParameters: match.pathParameters,
        claims,
      });
      writeResult(response, await HANDLERS[match.route.handlerFile](event));
    }

    /** Development sign-in for the add-in: a token for a registered user. Local only. */
    async function handleDevToken(request: IncomingMessage, response: ServerResponse, requestUrl: URL): Promise<void> {
      const cors = corsHeaders(request.headers.origin, process.env.ALLOWED_ORIGIN);
      const oid = requestUrl.searchParams.get('oid') ?? '';
      const user = oid ? await serviceContext().users.get(oid) : null;
      if (!user) {
        const message = `开发账号「${oid}」尚未登记，请运行：npm run users -- add ${oid || '<oid>'} <乡镇> <角色>`;
        writeResult(response, errorResponse(new HttpError(404, 'user_not_registered', message), cors));
        return;
      }
      writeResult(response, jsonResponse(200, { token: await devToken(oid), user }, cors));
    }

    async function devToken(oid: string, tokenOptions: DevTokenOptions = {}): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = tokenOptions.expiresInSeconds ?? 3600;
      const issuedAt = expiresIn > 0 ? now : now + expiresIn - 3600;
      return signAccessToken(signer, {
        issuer: tokenOptions.issuer ?? url,
        audience: tokenOptions.audience ?? SERVICE_AUDIENCE,
        subject: oid,
        issuedAt,
        lifetimeSeconds: now + expiresIn - issuedAt,
      });
    }

    return {
      url,
      tableName,
      dynamo,
      dynamoEndpoint,
      devToken,
      addUser: (oid, town, role) => serviceContext().users.put({ oid, town, role }, 'local-stack'),
      async stop() {
        await closeServer(server);
        resetServiceContext();
        if (options.inMemory) await rm(keyFile, { force: true });
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
