/**
 * An HTTP proxy in front of DynamoDB Local for fault tests: it tells the test which operation
 * each request carries (the `X-Amz-Target` header, e.g. `DynamoDB_20120810.TransactWriteItems`)
 * before forwarding it, so a test can freeze DynamoDB at the moment a given call is on its way —
 * also when the handler runs in a worker thread the test cannot hook into.
 */
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DynamoProxy {
  endpoint: string;
  /** Called with the operation name before each request is forwarded; may pause DynamoDB. */
  onRequest: ((operation: string) => void) | null;
  close(): Promise<void>;
}

/** Starts a proxy on a free port that forwards to `target` (DynamoDB Local's endpoint). */
export async function startDynamoProxy(target: string): Promise<DynamoProxy> {
  const upstream = new URL(target);
  const proxy: DynamoProxy = { endpoint: '', onRequest: null, close: () => closeServer(server) };
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    proxy.onRequest?.(operation);
    const upstreamRequest = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstreamRequest.on('error', () => outgoing.destroy());
    // The client gave up (its deadline): drop the answer, but the request already sent stays sent.
    outgoing.on('close', () => upstreamRequest.destroy());
    incoming.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
