/**
 * What the sign-in and account routes use besides the service context: the {@link AuthService}
 * with its signer, and the {@link AccountAdmin}. From `TOKEN_ISSUER` (the API's URL), `TOKEN_AUDIENCE` and either
 * `SIGNING_KEY_ID` (KMS key, in AWS) or `SIGNING_KEY_FILE` (a local key file).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { AccountAdmin } from '../auth/accountAdmin.js';
import { AuthService } from '../auth/AuthService.js';
import { KmsTokenSigner } from '../auth/kmsTokenSigner.js';
import { ScryptHasher } from '../auth/passwords.js';
import { LocalTokenSigner, SERVICE_AUDIENCE, type TokenSigner } from '../auth/tokenSigner.js';
import { AccountStore } from '../store/AccountStore.js';
import { storeConfigFromEnv } from '../store/dynamoClient.js';
import type { ServiceContext } from './serviceContext.js';

export interface IdentityContext {
  auth: AuthService;
  signer: TokenSigner;
  issuer: string;
}

const contexts = new WeakMap<ServiceContext, Promise<IdentityContext>>();

/** The signer the environment names. */
export async function signerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<TokenSigner> {
  if (env.SIGNING_KEY_ID) return new KmsTokenSigner(env.SIGNING_KEY_ID);
  if (env.SIGNING_KEY_FILE) return LocalTokenSigner.fromFile(env.SIGNING_KEY_FILE);
  throw new Error('neither SIGNING_KEY_ID nor SIGNING_KEY_FILE is set');
}

/** The identity context of a service context, created on first use. */
export function identityContext(ctx: ServiceContext): Promise<IdentityContext> {
  let context = contexts.get(ctx);
  if (!context) {
    context = create(ctx);
    contexts.set(ctx, context);
    context.catch(() => contexts.delete(ctx));
  }
  return context;
}

async function create(ctx: ServiceContext): Promise<IdentityContext> {
  const issuer = process.env.TOKEN_ISSUER;
  if (!issuer) throw new Error('TOKEN_ISSUER is not set');
  const signer = await signerFromEnv();
  const auth = new AuthService({
    accounts: new AccountStore(ctx.doc, storeConfigFromEnv().tableName),
    hasher: new ScryptHasher(),
    signer,
    issuer,
    audience: process.env.TOKEN_AUDIENCE || SERVICE_AUDIENCE,
    // No town to audit in: a log line without the password.
    onUnknownLogin: (login, sourceIp) => ctx.logger.warn('sign-in with an unknown login name', { login, sourceIp }),
  });
  return { auth, signer, issuer };
}

const admins = new WeakMap<ServiceContext, AccountAdmin>();

/** The account management of a service context (no signer needed). */
export function accountAdmin(ctx: ServiceContext): AccountAdmin {
  let admin = admins.get(ctx);
  if (!admin) {
    admin = new AccountAdmin({ accounts: new AccountStore(ctx.doc, storeConfigFromEnv().tableName), hasher: new ScryptHasher() });
    admins.set(ctx, admin);
  }
  return admin;
}

/** The client's address as API Gateway saw it. */
export function sourceIpOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): string | null {
  return event.requestContext?.http?.sourceIp || null;
}
