import { Duration, Stage } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { resolve } from 'node:path';
import {
  CORS_ALLOWED_HEADERS,
  CORS_ALLOWED_METHODS,
  CORS_EXPOSED_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../functions/src/http/cors.js';
import { SERVICE_AUDIENCE } from '../functions/src/auth/tokenSigner.js';
import { IDENTITY_ROUTE_SPECS, type IdentityHandler } from './identityRoutes.js';
import { FUNCTION_SIZING } from './functionSizing.js';

// DynamoDB actions behind each store call the handlers make (functions/src/store); keep in step with it.
// Transactions need no action of their own: each Put/Update/ConditionCheck item is authorised as such.
const USER_LOOKUP = ['dynamodb:GetItem'];
/** Month and year states, audit trail, stored runs (chunked payloads are read with BatchGetItem). */
const READ_RUNS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
/** Idempotency-Key: conditional claim, replay of a (chunked) stored answer, release after a failure. */
const IDEMPOTENCY = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];
/** A large run or answer: its chunk items are written (or, after a cancelled transaction, deleted) before the transaction. */
const BLOB_CHUNKS = ['dynamodb:BatchWriteItem'];

const actions = (...groups: string[][]): readonly string[] => [...new Set(groups.flat())].sort();

/** One HTTP route served by one handler file in functions/src/handlers (a file may serve several routes). */
export interface RouteSpec {
  handler: 'validate' | 'compute' | 'finalize' | 'corrections' | 'getAssessment' | 'history' | IdentityHandler;
  method: apigw.HttpMethod;
  path: string;
  /** Without a token (sign-in, refresh, the .well-known routes). */
  public?: boolean;
  /** Deployed only with the service's own accounts (`identity=local`). */
  identity?: boolean;
  /** What the function may do with the token signing key (granted in the key's policy only). */
  signingKey?: readonly ('kms:Sign' | 'kms:GetPublicKey')[];
  /** The only DynamoDB actions the handler may call, all on the table itself. */
  tableActions: readonly string[];
  /** Parsing and computing workbooks is CPU-bound; Lambda's CPU share grows with memory. */
  memorySize: number;
  timeout: Duration;
}

const sized = (handler: keyof typeof FUNCTION_SIZING) => ({
  memorySize: FUNCTION_SIZING[handler].memoryMb,
  timeout: Duration.seconds(FUNCTION_SIZING[handler].timeoutSeconds),
});

/** The service's routes (SPEC §6). */
export const ROUTES: readonly RouteSpec[] = [
  {
    handler: 'validate',
    method: apigw.HttpMethod.POST,
    path: '/v1/assessments/validate',
    tableActions: actions(USER_LOOKUP, READ_RUNS),
    ...sized('validate'),
  },
  {
    handler: 'compute',
    method: apigw.HttpMethod.POST,
    path: '/v1/assessments/compute',
    // saveRun: Put of run, chunks, month state and audit entry; ConditionCheck of the year's 定稿 counter.
    tableActions: actions(USER_LOOKUP, READ_RUNS, IDEMPOTENCY, BLOB_CHUNKS, ['dynamodb:ConditionCheckItem']),
    ...sized('compute'),
  },
  {
    handler: 'finalize',
    method: apigw.HttpMethod.POST,
    path: '/v1/assessments/{town}/{month}/finalize',
    // finalize: Get of the month; Put of month state, version and audit entry; Update of the year's 定稿 counter.
    // Approving a correction also reads the two versions' runs (Get, BatchGet of chunks).
    tableActions: actions(USER_LOOKUP, IDEMPOTENCY, BLOB_CHUNKS, ['dynamodb:UpdateItem']),
    ...sized('finalize'),
  },
  {
    handler: 'corrections',
    method: apigw.HttpMethod.POST,
    path: '/v1/assessments/{town}/{month}/corrections',
    // openCorrection: Query of the year's months; Put of month state and audit entry.
    tableActions: actions(USER_LOOKUP, ['dynamodb:Query', 'dynamodb:PutItem']),
    ...sized('corrections'),
  },
  {
    handler: 'getAssessment',
    method: apigw.HttpMethod.GET,
    path: '/v1/assessments/{town}/{month}',
    tableActions: actions(USER_LOOKUP, READ_RUNS),
    ...sized('getAssessment'),
  },
  {
    handler: 'history',
    method: apigw.HttpMethod.GET,
    path: '/v1/assessments/{town}/history',
    tableActions: actions(USER_LOOKUP, ['dynamodb:Query']),
    ...sized('history'),
  },
  ...IDENTITY_ROUTE_SPECS,
];

/** The Lambda-side of a route, with where its bundle was staged. */
export interface ServiceFunction {
  route: RouteSpec;
  fn: nodejs.NodejsFunction;
  /** Absolute path of the staged bundle folder (holds index.mjs). */
  bundleDir: string;
}

/** Whose tokens the gateway accepts. */
export type ServiceIdentity =
  /** The service's own accounts; `issuer` defaults to the API's execute-api URL. */
  | { mode: 'local'; issuer?: string }
  | { mode: 'entra'; issuer: string; audience: string };

export interface ServiceApiProps {
  table: ITableV2;
  /** The add-in's origin: the only one CORS admits. */
  allowedOrigin: string;
  identity: ServiceIdentity;
  /** Repository root: handlers are bundled from functions/src/handlers with the root's lock file. */
  repoRoot: string;
}

// Bundled CommonJS dependencies call require(); ESM output needs it defined.
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Throttling for a township's few dozen users: generous for them, a ceiling against abuse. */
export const THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

/**
 * Who administers the signing key: everything but signing, and no grants (a grant could hand out
 * kms:Sign). Signing is for the sign-in and refresh functions only.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:Delete*',
  'kms:Describe*',
  'kms:Disable*',
  'kms:Enable*',
  'kms:Get*',
  'kms:List*',
  'kms:Put*',
  'kms:Revoke*',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:Update*',
];

/**
 * The HTTP API: one bundled function per handler file, every route behind the JWT authorizer
 * (the service's own tokens, or Entra ID's) except the public sign-in routes.
 */
export class ServiceApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly functions: ServiceFunction[];
  /** The issuer and audience the authorizer checks. */
  readonly issuer: string;
  readonly audience: string;
  /** The access-token signing key (`identity=local` only). */
  readonly signingKey?: kms.Key;

  constructor(scope: Construct, id: string, props: ServiceApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: 'mubiao-kaohe',
      description: '目标管理考核服务',
      createDefaultStage: false,
      // API Gateway answers preflights and overrides the handlers' CORS headers: same values as the local server.
      corsPreflight: {
        allowOrigins: [props.allowedOrigin],
        allowMethods: CORS_ALLOWED_METHODS.map((method) => apigw.CorsHttpMethod[method]),
        allowHeaders: [...CORS_ALLOWED_HEADERS],
        exposeHeaders: [...CORS_EXPOSED_HEADERS],
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
      },
    });
    const { identity } = props;
    const local = identity.mode === 'local';
    this.issuer = local ? (identity.issuer ?? this.api.apiEndpoint) : identity.issuer;
    this.audience = local ? SERVICE_AUDIENCE : identity.audience;
    const authorizer = new HttpJwtAuthorizer(local ? 'ServiceTokens' : 'EntraId', this.issuer, { jwtAudience: [this.audience] });
    const noAuthorizer = new apigw.HttpNoneAuthorizer();
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
    });

    const routes = ROUTES.filter((route) => local || !route.identity);
    const byHandler = new Map<RouteSpec['handler'], { fn: nodejs.NodejsFunction; integration: HttpLambdaIntegration }>();
    for (const route of routes) {
      let served = byHandler.get(route.handler);
      if (!served) {
        const fn = this.createFunction(route, props);
        served = { fn, integration: new HttpLambdaIntegration(`${route.handler}Integration`, fn) };
        byHandler.set(route.handler, served);
      }
      this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: served.integration,
        authorizer: route.public ? noAuthorizer : authorizer,
      });
    }
    this.functions = [...byHandler.values()].map(({ fn }) => {
      const route = routes.find((r) => byHandler.get(r.handler)?.fn === fn)!;
      return { route, fn, bundleDir: stagedBundleDir(fn) };
    });
    if (local) this.signingKey = this.createSigningKey(routes, byHandler);
  }

  /**
   * The KMS key access tokens are signed with (RSA_2048: the HTTP API's JWT authorizer verifies only
   * RSA signatures). Its policy alone says who may use it; no IAM policy can add a signer.
   */
  private createSigningKey(
    routes: readonly RouteSpec[],
    byHandler: Map<RouteSpec['handler'], { fn: nodejs.NodejsFunction }>,
  ): kms.Key {
    const principals = (action: 'kms:Sign' | 'kms:GetPublicKey') =>
      [...new Set(routes.filter((r) => r.signingKey?.includes(action)).map((r) => r.handler))].map(
        (handler) => new iam.ArnPrincipal(byHandler.get(handler)!.fn.role!.roleArn),
      );
    const key = new kms.Key(this, 'TokenSigningKey', {
      description: '目标管理考核：访问令牌签名密钥（RS256）',
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'KeyAdministration',
            principals: [new iam.AccountRootPrincipal()],
            actions: KEY_ADMIN_ACTIONS,
            resources: ['*'],
          }),
          new iam.PolicyStatement({ sid: 'SignAccessTokens', principals: principals('kms:Sign'), actions: ['kms:Sign'], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'PublishPublicKey',
            principals: principals('kms:GetPublicKey'),
            actions: ['kms:GetPublicKey'],
            resources: ['*'],
          }),
        ],
      }),
    });
    for (const { fn } of byHandler.values()) {
      fn.addEnvironment('TOKEN_ISSUER', this.issuer).addEnvironment('TOKEN_AUDIENCE', this.audience);
    }
    for (const handler of new Set(routes.filter((r) => r.signingKey).map((r) => r.handler))) {
      byHandler.get(handler)!.fn.addEnvironment('SIGNING_KEY_ID', key.keyArn);
    }
    return key;
  }

  /** The API's base URL (no trailing slash). */
  get url(): string {
    return this.api.apiEndpoint;
  }

  private createFunction(route: RouteSpec, props: ServiceApiProps): nodejs.NodejsFunction {
    const name = route.handler;
    const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    // Own role without the managed basic-execution policy: logs only to its log group, the table only as the route needs.
    const role = new iam.Role(this, `${name}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    if (route.tableActions.length > 0) props.table.grant(role, ...route.tableActions);

    return new nodejs.NodejsFunction(this, name, {
      entry: resolve(props.repoRoot, 'functions', 'src', 'handlers', `${name}.ts`),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: resolve(props.repoRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: route.memorySize,
      timeout: route.timeout,
      role,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        ALLOWED_ORIGIN: props.allowedOrigin,
        POWERTOOLS_SERVICE_NAME: 'mubiao-kaohe',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Chinese messages stay 3 bytes per character instead of 6-byte \u escapes. (The `charset` option of
        // aws-cdk-lib 2.276 never reaches esbuild, hence the raw flag.)
        esbuildArgs: { '--charset': 'utf8' },
        // Measured for compute: 466 KB with the SDK bundled (329 KB of it SDK and credential providers
        // Lambda never uses) against 130 KB with the runtime's SDK v3; the store uses only stable commands.
        bundleAwsSDK: false,
      },
    });
  }
}

/** Where CDK staged (bundled) the function's code inside the cloud assembly. */
function stagedBundleDir(fn: lambda.Function): string {
  const asset = fn.node.findChild('Code') as s3assets.Asset;
  const stage = Stage.of(fn);
  if (!stage) throw new Error(`${fn.node.path} is not inside a CDK App`);
  return resolve(stage.outdir, asset.assetPath);
}
