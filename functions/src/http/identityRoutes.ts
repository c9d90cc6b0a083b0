/**
 * The sign-in, account and key routes (docs/identity.md), deployed with `identity=local`.
 * Public routes carry no token: the gateway's JWT authorizer skips them.
 */
export const IDENTITY_ROUTES = [
  { method: 'POST', path: '/v1/auth/login', handlerFile: 'login', public: true },
  { method: 'POST', path: '/v1/auth/refresh', handlerFile: 'refresh', public: true },
  { method: 'POST', path: '/v1/auth/logout', handlerFile: 'logout' },
  { method: 'POST', path: '/v1/auth/password', handlerFile: 'changePassword' },
  { method: 'GET', path: '/v1/towns/{town}/accounts', handlerFile: 'accounts' },
  { method: 'POST', path: '/v1/towns/{town}/accounts', handlerFile: 'accounts' },
  { method: 'POST', path: '/v1/towns/{town}/accounts/{login}/{action}', handlerFile: 'accounts' },
  { method: 'GET', path: '/v1/towns/{town}/audit', handlerFile: 'accounts' },
  { method: 'GET', path: '/.well-known/openid-configuration', handlerFile: 'wellKnown', public: true },
  { method: 'GET', path: '/.well-known/jwks.json', handlerFile: 'wellKnown', public: true },
] as const;
