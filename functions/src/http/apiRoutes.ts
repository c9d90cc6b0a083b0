import { IDENTITY_ROUTES } from './identityRoutes.js';

/**
 * The routes of the HTTP API and the handler file serving each (functions/src/handlers/<file>.ts,
 * export `handler`; one file may serve several routes). The CDK stack and the local server both
 * wire exactly these. Every route requires a verified JWT except those marked `public`.
 */
export const API_ROUTES = [
  { method: 'POST', path: '/v1/assessments/validate', handlerFile: 'validate' },
  { method: 'POST', path: '/v1/assessments/compute', handlerFile: 'compute' },
  { method: 'POST', path: '/v1/assessments/{town}/{month}/finalize', handlerFile: 'finalize' },
  { method: 'GET', path: '/v1/assessments/{town}/history', handlerFile: 'history' },
  { method: 'GET', path: '/v1/assessments/{town}/{month}', handlerFile: 'getAssessment' },
  ...IDENTITY_ROUTES,
] as const;

export type ApiRoute = (typeof API_ROUTES)[number];

/** Whether the gateway lets the route through without a token. */
export function isPublicRoute(route: ApiRoute): boolean {
  return 'public' in route && route.public;
}

/**
 * The route a request matches, with its path parameters; literal segments win over parameters
 * (as in API Gateway: `/{town}/history` before `/{town}/{month}`). Segments are already decoded.
 */
export function matchRoute(
  method: string,
  segments: readonly string[],
): { route: ApiRoute; pathParameters: Record<string, string> } | null {
  const candidates = API_ROUTES.filter((route) => route.method === method)
    .map((route) => {
      const pattern = route.path.split('/').filter(Boolean);
      if (pattern.length !== segments.length) return null;
      const pathParameters: Record<string, string> = {};
      let literals = 0;
      for (const [index, part] of pattern.entries()) {
        const segment = segments[index]!;
        if (part.startsWith('{')) {
          if (segment === '') return null;
          pathParameters[part.slice(1, -1)] = segment;
        } else if (part === segment) {
          literals += 1;
        } else {
          return null;
        }
      }
      return { route, pathParameters, literals };
    })
    .filter((match) => match !== null)
    .sort((a, b) => b.literals - a.literals);
  const best = candidates[0];
  return best ? { route: best.route, pathParameters: best.pathParameters } : null;
}
