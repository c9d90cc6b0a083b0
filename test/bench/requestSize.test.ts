import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeRequestBody, EVENT_ENVELOPE_BYTES, gzipRequest, requestSizes } from '../../bench/requestSize.js';

describe('requestSizes', () => {
  it('measures the UTF-8 body, its gzip and the base64 event Lambda receives', () => {
    // Prepare
    const body = computeRequestBody('基准镇', [{ name: '村', origin: 'A1', values: [['村名'], ['花桥村']] }]);
    const gzip = gzipRequest(body);

    // Act
    const sizes = requestSizes(body);

    // Assess
    expect(JSON.parse(body)).toEqual({ town: '基准镇', grids: [{ name: '村', origin: 'A1', values: [['村名'], ['花桥村']] }] });
    expect(gunzipSync(gzip).toString('utf8')).toBe(body);
    expect(sizes).toEqual({
      raw: Buffer.from(body, 'utf8').length,
      gzip: gzip.length,
      lambdaEvent: gzip.toString('base64').length + EVENT_ENVELOPE_BYTES,
    });
  });
});
