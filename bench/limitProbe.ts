/**
 * Child process of the limits benchmark, run bundled (plain `node`): imports a Lambda handler
 * bundle, answers one API Gateway event read from a file, and prints the time, the peak resident
 * memory and the answer's status and size (as sent: base64 gzip when compressed) as JSON. The handler's environment (table, DynamoDB
 * endpoint) comes from the parent.
 *
 * Usage: `node limitProbe.mjs <handler index.mjs> <event.json>`
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What the probe prints. */
export interface LimitFigures {
  ms: number;
  /**
   * CPU time of the process (user + system, every thread) over the same span: on a shared machine
   * closer to what one vCPU of its own (Lambda at 1,769 MB) would take than the wall time.
   */
  cpuMs: number;
  /** Peak resident set size of the whole process (Lambda's "Max Memory Used"), in bytes. */
  peakRss: number;
  statusCode: number;
  answerBytes: number;
  /** `status` of the answer (ok/invalid), or its error `code`. */
  outcome: string;
}

const [bundle, eventFile] = process.argv.slice(2);
if (!bundle || !eventFile) throw new Error('usage: limitProbe <handler.mjs> <event.json>');
const { handler } = (await import(pathToFileURL(bundle).href)) as {
  handler: (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyStructuredResultV2>;
};
const event = JSON.parse(readFileSync(eventFile, 'utf8')) as APIGatewayProxyEventV2WithJWTAuthorizer;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const answer = await handler(event);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const text = answer.isBase64Encoded ? gunzipSync(Buffer.from(answer.body ?? '', 'base64')).toString('utf8') : answer.body;
const body = JSON.parse(text ?? '{}') as { status?: string; code?: string };
const figures: LimitFigures = {
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  // maxRSS is in kilobytes.
  peakRss: process.resourceUsage().maxRSS * 1024,
  statusCode: answer.statusCode ?? 200,
  answerBytes: Buffer.byteLength(answer.body ?? ''),
  outcome: body.status ?? body.code ?? '',
};
process.stdout.write(JSON.stringify(figures));
