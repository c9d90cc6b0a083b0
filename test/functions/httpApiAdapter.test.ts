import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../functions/src/http/apiRoutes.js';
import { safeDecode, toHttpApiEvent } from '../../functions/src/server/httpApiAdapter.js';

function nodeRequest(method: string, url: string, headers: Record<string, string>): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.method = method;
  request.url = url;
  request.headers = headers;
  request.httpVersion = '1.1';
  return request;
}

describe('matchRoute', () => {
  it('prefers the literal history route over the month parameter, as API Gateway does', () => {
    // Act
    const history = matchRoute('GET', ['v1', 'assessments', '花桥街镇', 'history']);
    const month = matchRoute('GET', ['v1', 'assessments', '花桥街镇', '2015-04']);
    const finalize = matchRoute('POST', ['v1', 'assessments', '花桥街镇', '2015-04', 'finalize']);
    const wrongMethod = matchRoute('PUT', ['v1', 'assessments', 'compute']);

    // Assess
    expect([history?.route.handlerFile, history?.pathParameters]).toEqual(['history', { town: '花桥街镇' }]);
    expect([month?.route.handlerFile, month?.pathParameters]).toEqual(['getAssessment', { town: '花桥街镇', month: '2015-04' }]);
    expect(finalize?.route.handlerFile).toBe('finalize');
    expect(wrongMethod).toBeNull();
  });
});

describe('toHttpApiEvent', () => {
  it('builds the payload v2 event API Gateway would send', () => {
    // Prepare
    const path = `/v1/assessments/${encodeURIComponent('花桥街镇')}/history`;
    const request = nodeRequest('GET', `${path}?year=2015&year=2016`, { host: 'localhost:3000', 'user-agent': 'test' });

    // Act
    const event = toHttpApiEvent({
      request,
      url: new URL(request.url!, 'http://localhost:3000'),
      body: Buffer.alloc(0),
      routeKey: 'GET /v1/assessments/{town}/history',
      pathParameters: { town: safeDecode(encodeURIComponent('花桥街镇')) },
      claims: { oid: 'o1', roles: ['a', 'b'], exp: 1 },
    });

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/assessments/{town}/history',
      rawPath: '/v1/assessments/花桥街镇/history',
      rawQueryString: 'year=2015&year=2016',
      queryStringParameters: { year: '2015,2016' },
      pathParameters: { town: '花桥街镇' },
      isBase64Encoded: false,
      body: undefined,
      requestContext: { http: { method: 'GET', userAgent: 'test' }, authorizer: { jwt: { claims: { oid: 'o1', roles: '[a b]', exp: '1' } } } },
    });
  });

  it('base64-encodes a gzip body and keeps a JSON body as text', () => {
    // Prepare
    const json = Buffer.from('{"town":"花桥街镇"}');
    const gzipRequest = nodeRequest('POST', '/v1/assessments/compute', { 'content-encoding': 'gzip' });
    const jsonRequest = nodeRequest('POST', '/v1/assessments/compute', { 'content-type': 'application/json' });
    const common = { url: new URL('http://localhost/v1/assessments/compute'), routeKey: 'POST /v1/assessments/compute', pathParameters: {}, claims: {} };

    // Act
    const gzipped = toHttpApiEvent({ ...common, request: gzipRequest, body: gzipSync(json) });
    const plain = toHttpApiEvent({ ...common, request: jsonRequest, body: json });

    // Assess
    expect(gzipped.isBase64Encoded).toBe(true);
    expect(gzipped.body).toBe(gzipSync(json).toString('base64'));
    expect(plain.isBase64Encoded).toBe(false);
    expect(plain.body).toBe('{"town":"花桥街镇"}');
  });
});
