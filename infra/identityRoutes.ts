import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { IDENTITY_ROUTES } from '../functions/src/http/identityRoutes.js';
import type { RouteSpec } from './ServiceApi.js';

/** The handler files of the sign-in, account and key routes. */
export type IdentityHandler = (typeof IDENTITY_ROUTES)[number]['handlerFile'];

// DynamoDB actions behind the account store's calls (functions/src/store/AccountStore.ts); keep in step with it.
// Audit entries and account creation are transaction Puts (PutItem); accounts and counters are read with GetItem.
const HANDLER_NEEDS: Record<IdentityHandler, Pick<RouteSpec, 'tableActions' | 'memorySize' | 'signingKey'>> = {
  // scrypt takes 32 MiB and CPU: Lambda's CPU share grows with memory.
  login: { tableActions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'], memorySize: 1024, signingKey: ['kms:GetPublicKey', 'kms:Sign'] },
  refresh: { tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], memorySize: 512, signingKey: ['kms:GetPublicKey', 'kms:Sign'] },
  logout: { tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], memorySize: 256 },
  changePassword: {
    tableActions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    memorySize: 1024,
  },
  accounts: {
    tableActions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    memorySize: 1024,
  },
  wellKnown: { tableActions: [], memorySize: 256, signingKey: ['kms:GetPublicKey'] },
};

/** The identity routes as the CDK stack wires them (`identity=local` only). */
export const IDENTITY_ROUTE_SPECS: readonly RouteSpec[] = IDENTITY_ROUTES.map((route) => ({
  handler: route.handlerFile,
  method: apigw.HttpMethod[route.method],
  path: route.path,
  identity: true,
  ...('public' in route && { public: route.public }),
  ...HANDLER_NEEDS[route.handlerFile],
  timeout: Duration.seconds(10),
}));
