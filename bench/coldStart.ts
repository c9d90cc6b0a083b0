/**
 * Lambda cold start proxy: each handler bundled as CDK bundles it, its size, and the time for a
 * fresh Node process to import the bundle and answer one request (a request without a verified
 * token, answered 401 without DynamoDB), next to `node -e 0` measured in the same run.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { API_ROUTES } from '../functions/src/http/apiRoutes.js';
import { bundleLikeLambda, CACHE_DIR, REPO_ROOT } from './bundle.js';
import { median } from './stats.js';

const run = promisify(execFile);

export interface ColdStartFigures {
  handler: string;
  bundleBytes: number;
  /** Median wall time of spawning node, importing the bundle and answering. */
  answerMs: number;
  statusCode: number;
}

export interface ColdStartReport {
  /** Median wall time of `node -e 0`. */
  nodeMs: number;
  handlers: ColdStartFigures[];
}

/**
 * The environment the Lambdas get from the stack (infra/ServiceApi.ts), without AWS credentials;
 * a local key file stands in for the KMS key, so the identity routes answer as in AWS (the
 * first process creates it, as `npm start` does).
 */
const LAMBDA_ENV = {
  TABLE_NAME: 'mubiao-kaohe',
  ALLOWED_ORIGIN: 'https://addin.example.cn',
  POWERTOOLS_SERVICE_NAME: 'mubiao-kaohe',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'cn-north-1',
  TOKEN_ISSUER: 'https://api.example.cn',
  TOKEN_AUDIENCE: 'mubiao-kaohe',
  SIGNING_KEY_FILE: join(CACHE_DIR, 'cold-start-signing-key.json'),
};

/** A minimal HTTP API v2 event for the route, with no JWT claims. */
function eventFor(route: (typeof API_ROUTES)[number]) {
  const rawPath = route.path.replace('{town}', encodeURIComponent('基准镇')).replace('{month}', '2015-04');
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { requestId: 'cold-start', http: { method: route.method, path: rawPath, sourceIp: '127.0.0.1' } },
    pathParameters: {},
    body: route.method === 'POST' ? '{}' : undefined,
    isBase64Encoded: false,
  };
}

/** Spawns `node` with `args` and returns the wall time and stdout. */
async function timeNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { env, cwd: REPO_ROOT });
  return { ms: performance.now() - started, stdout };
}

/** Bundles every handler and times fresh processes, `runs` of each, interleaved with `node -e 0`. */
export async function benchColdStart(runs: number): Promise<ColdStartReport> {
  // One function per handler file: several routes share one (accounts, the two .well-known routes).
  const routes = API_ROUTES.filter((route, i) => API_ROUTES.findIndex((r) => r.handlerFile === route.handlerFile) === i);
  const bundles = await Promise.all(
    routes.map(async (route) => ({ route, file: await bundleLikeLambda(`functions/src/handlers/${route.handlerFile}.ts`, route.handlerFile) })),
  );
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const nodeTimes: number[] = [];
  const times = new Map<string, number[]>(bundles.map((b) => [b.route.handlerFile, []]));
  const statuses = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    nodeTimes.push((await timeNode(['-e', '0'], baseEnv)).ms);
    for (const { route, file } of bundles) {
      // The answer is printed last: the handler's own logs come before it.
      const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => m.handler(${JSON.stringify(eventFor(route))})).then((r) => process.stdout.write('\\n' + r.statusCode))`;
      const { ms, stdout } = await timeNode(['--input-type=module', '-e', script], { ...baseEnv, ...LAMBDA_ENV });
      times.get(route.handlerFile)!.push(ms);
      statuses.set(route.handlerFile, Number(stdout.trim().split('\n').pop()));
    }
  }
  return {
    nodeMs: median(nodeTimes),
    handlers: bundles.map(({ route, file }) => ({
      handler: route.handlerFile,
      bundleBytes: statSync(file).size,
      answerMs: median(times.get(route.handlerFile)!),
      statusCode: statuses.get(route.handlerFile)!,
    })),
  };
}
