/**
 * CORS for the add-in's origin only. In AWS the HTTP API's own CORS configuration answers
 * preflights with these same values; the local server answers them with {@link preflightHeaders}.
 */
export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'] as const;
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'content-encoding', 'idempotency-key'] as const;
export const CORS_EXPOSED_HEADERS = ['idempotent-replayed', 'retry-after', 'x-request-id'] as const;
export const CORS_MAX_AGE_SECONDS = 600;

/** Headers for an actual (non-preflight) response: empty unless the request comes from the allowed origin. */
export function corsHeaders(requestOrigin: string | undefined, allowedOrigin: string | undefined): Record<string, string> {
  if (!allowedOrigin || requestOrigin !== allowedOrigin) return {};
  return {
    'access-control-allow-origin': allowedOrigin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
    vary: 'Origin',
  };
}

/** Headers answering a preflight `OPTIONS`; empty (so the browser refuses) for any other origin. */
export function preflightHeaders(requestOrigin: string | undefined, allowedOrigin: string | undefined): Record<string, string> {
  const base = corsHeaders(requestOrigin, allowedOrigin);
  if (!base['access-control-allow-origin']) return { vary: 'Origin' };
  return {
    ...base,
    'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
    'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
  };
}
