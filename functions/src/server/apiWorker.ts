/**
 * A request worker of the local server (see workerPool.ts): runs the Lambda handlers, one request
 * at a time, as one Lambda container does. Runs bundled (lambdaBundle.ts) in a worker thread; the
 * environment (table, endpoint, limits) is the server's at the time the worker started.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { handler as accounts } from '../handlers/accounts.js';
import { handler as changePassword } from '../handlers/changePassword.js';
import { handler as compute } from '../handlers/compute.js';
import { handler as corrections } from '../handlers/corrections.js';
import { handler as finalize } from '../handlers/finalize.js';
import { handler as getAssessment } from '../handlers/getAssessment.js';
import { handler as history } from '../handlers/history.js';
import { handler as login } from '../handlers/login.js';
import { handler as logout } from '../handlers/logout.js';
import { handler as refresh } from '../handlers/refresh.js';
import { handler as validate } from '../handlers/validate.js';
import { handler as wellKnown } from '../handlers/wellKnown.js';
import type { ApiRoute } from '../http/apiRoutes.js';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2>;

/** The same handler functions the Lambdas export, by handler file (also run in-process by an `inline` local server). */
export const HANDLERS: Record<ApiRoute['handlerFile'], Handler> = {
  validate,
  compute,
  finalize,
  corrections,
  getAssessment,
  history,
  login,
  refresh,
  logout,
  changePassword,
  accounts,
  wellKnown,
};

/** A request to the worker. */
export interface WorkerRequest {
  handlerFile: ApiRoute['handlerFile'];
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** The worker's answer: the handler's result, or why it threw (the handlers answer errors themselves, so rarely). */
export type WorkerAnswer = { result: APIGatewayProxyResultV2 } | { error: string };

/** Marks the worker's `workerData`, so that importing this module elsewhere (a test runner's own worker) listens to nothing. */
export const API_WORKER_MARK = 'mubiao-api-worker';

if ((workerData as { mark?: unknown } | null)?.mark === API_WORKER_MARK) parentPort?.on('message', (request: WorkerRequest) => {
  HANDLERS[request.handlerFile](request.event).then(
    (result) => parentPort!.postMessage({ result } satisfies WorkerAnswer),
    (error: unknown) => parentPort!.postMessage({ error: String(error) } satisfies WorkerAnswer),
  );
});
