import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentStack } from '../../infra/AssessmentStack.js';
import { buildApp, bundleSizes } from '../../infra/buildApp.js';
import { KEY_ADMIN_ACTIONS, ROUTES, THROTTLE } from '../../infra/ServiceApi.js';

/** Each handler file once, in route order (one function each). */
const HANDLERS = [...new Set(ROUTES.map((route) => route.handler))];

const TENANT = '3f9a6c1e-2b47-4d8e-9a15-7c0e4b2d8f61';
const CLIENT = '8d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
const CHINA_ORIGIN = 'https://kaohe.example.gov.cn';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Synthesised {
  stack: AssessmentStack;
  template: Template;
  outdir: string;
}

let workDir = '';
let globalRegion: Synthesised;
let chinaRegion: Synthesised;
let noContext: Synthesised;
let customDomain: Synthesised;
let entraGlobal: Synthesised;
let entraChina: Synthesised;

/** Builds the app as the CLI would (cdk.json's feature flags plus the given context) into its own folder. */
function synthesise(name: string, region: string, context: Record<string, unknown>): Synthesised {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: object };
  const outdir = join(workDir, name);
  const { app, stack } = buildApp({ outdir, env: { region }, context: { ...cdkJson.context, ...context } });
  app.synth();
  return { stack, template: Template.fromStack(stack), outdir };
}

beforeAll(() => {
  // Inside the repository (test/.tmp is git-ignored) so that the bundles resolve the external AWS SDK from node_modules.
  mkdirSync(join(REPO_ROOT, 'test', '.tmp'), { recursive: true });
  workDir = mkdtempSync(join(REPO_ROOT, 'test', '.tmp', 'cdk-'));
  // The default: the service's own accounts (identity=local).
  globalRegion = synthesise('global', 'eu-central-1', { alarmEmail: 'it@example.org' });
  chinaRegion = synthesise('china', 'cn-north-1', { addinOrigin: CHINA_ORIGIN, addinIamCertificateId: 'ASCAEXAMPLE123' });
  // Templates and warnings only: skip bundling, as `cdk ls` does.
  noContext = synthesise('noContext', 'cn-northwest-1', { 'aws:cdk:bundling-stacks': [], identity: 'entra' });
  entraGlobal = synthesise('entraGlobal', 'eu-central-1', {
    'aws:cdk:bundling-stacks': [],
    identity: 'entra',
    entraTenantId: TENANT,
    entraAudience: CLIENT,
  });
  entraChina = synthesise('entraChina', 'cn-north-1', {
    'aws:cdk:bundling-stacks': [],
    identity: 'entra',
    entraTenantId: TENANT,
    entraAudience: CLIENT,
    addinOrigin: CHINA_ORIGIN,
    addinIamCertificateId: 'ASCAEXAMPLE123',
  });
  customDomain = synthesise('customDomain', 'eu-central-1', {
    'aws:cdk:bundling-stacks': [],
    entraTenantId: TENANT,
    entraAudience: CLIENT,
    addinOrigin: 'https://kaohe.example.org',
    addinCertificateArn: CERTIFICATE_ARN,
  });
  // Two synths bundle all eleven functions with esbuild: minutes on a loaded machine.
}, 600_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Each route's key, authorization and the function its integration calls. */
function routeWiring(template: Template) {
  const routes = template.findResources('AWS::ApiGatewayV2::Route');
  const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
  return Object.values(routes).map((route) => {
    const target = route.Properties.Target['Fn::Join'][1][1].Ref as string;
    return {
      routeKey: route.Properties.RouteKey as string,
      authorizationType: route.Properties.AuthorizationType as string,
      authorizer: route.Properties.AuthorizerId?.Ref as string | undefined,
      function: integrations[target]?.Properties.IntegrationUri['Fn::GetAtt'][0] as string,
    };
  });
}

/** Logical id of the Lambda function serving one handler. */
function functionId(stack: AssessmentStack, handler: string): string {
  const entry = stack.service.functions.find((f) => f.route.handler === handler);
  if (!entry) throw new Error(`no function for ${handler}`);
  return stack.getLogicalId(entry.fn.node.defaultChild as CfnFunction);
}

/**
 * The content of a file the deployment itself adds (config.json, manifest.xml), as staged in the cloud assembly:
 * the asset holding that file alone, not the built add-in's copy it replaces.
 */
function stagedFile(outdir: string, name: string): string {
  const files = readdirSync(outdir)
    .filter((entry) => existsSync(join(outdir, entry, name)) && readdirSync(join(outdir, entry)).length === 1)
    .map((entry) => join(outdir, entry, name));
  expect(files).toHaveLength(1);
  return readFileSync(files[0] ?? '', 'utf8');
}

function only<T>(record: Record<string, T>): [string, T] {
  const entries = Object.entries(record);
  expect(entries).toHaveLength(1);
  return entries[0] as [string, T];
}

describe('AssessmentStack table', () => {
  it('is on-demand with pk/sk string keys, TTL on expiresAt, PITR and deletion protection', () => {
    // Prepare
    const { template } = globalRegion;

    // Act
    const [, table] = only(template.findResources('AWS::DynamoDB::GlobalTable'));

    // Assess
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(table).toMatchObject({
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          {
            Region: 'eu-central-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          },
        ],
      },
    });
  });
});

describe('AssessmentStack HTTP API', () => {
  it('wires every route to its handler’s function behind the service’s own JWT authorizer, sign-in and keys public', () => {
    // Prepare
    const { template, stack } = globalRegion;
    const [apiId] = only(template.findResources('AWS::ApiGatewayV2::Api'));
    const [authorizerId, authorizer] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'));

    // Act
    const wiring = routeWiring(template);

    // Assess
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['mubiao-kaohe'] },
    });
    // The issuer is the API's own URL (https://<id>.execute-api.<region>.<suffix>).
    expect(authorizer.Properties.JwtConfiguration.Issuer).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    const expected = ROUTES.map((route) => ({
      routeKey: `${route.method} ${route.path}`,
      authorizationType: route.public ? 'NONE' : 'JWT',
      authorizer: route.public ? undefined : authorizerId,
      function: functionId(stack, route.handler),
    }));
    expect(wiring).toEqual(expect.arrayContaining(expected));
    expect(wiring).toHaveLength(ROUTES.length);
    expect(wiring.filter((w) => w.authorizationType === 'NONE').map((w) => w.routeKey).sort()).toEqual([
      'GET /.well-known/jwks.json',
      'GET /.well-known/openid-configuration',
      'POST /v1/auth/login',
      'POST /v1/auth/refresh',
    ]);
  });

  it('wires only the assessment routes behind the Entra ID JWT authorizer with identity=entra', () => {
    // Prepare
    const { template, stack } = entraGlobal;
    const [authorizerId, authorizer] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'));

    // Act
    const wiring = routeWiring(template);

    // Assess
    expect(authorizer.Properties.JwtConfiguration).toEqual({ Issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, Audience: [CLIENT] });
    expect(wiring).toEqual(
      ROUTES.filter((route) => !route.identity).map((route) => ({
        routeKey: `${route.method} ${route.path}`,
        authorizationType: 'JWT',
        authorizer: authorizerId,
        function: functionId(stack, route.handler),
      })),
    );
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('runs every handler on Node.js 22 arm64 with the table, origin and service name in its environment', () => {
    // Prepare
    const { template, stack } = globalRegion;
    const [tableId] = only(template.findResources('AWS::DynamoDB::GlobalTable'));
    const functions = template.findResources('AWS::Lambda::Function');

    // Act
    const handlers = ROUTES.map((route) => functions[functionId(stack, route.handler)]?.Properties);

    // Assess
    for (const properties of handlers) {
      expect(properties).toMatchObject({
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: tableId },
            ALLOWED_ORIGIN: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.any(String), 'DomainName'] }]] },
            POWERTOOLS_SERVICE_NAME: 'mubiao-kaohe',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  it('limits CORS to the add-in’s CloudFront origin', () => {
    // Prepare
    const { template } = globalRegion;
    const [distributionId] = only(template.findResources('AWS::CloudFront::Distribution'));

    // Act
    const [, api] = only(template.findResources('AWS::ApiGatewayV2::Api'));

    // Assess
    expect(api.Properties.CorsConfiguration).toEqual({
      AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
      AllowMethods: ['GET', 'POST', 'OPTIONS'],
      AllowHeaders: ['authorization', 'content-type', 'content-encoding', 'idempotency-key'],
      ExposeHeaders: ['idempotent-replayed', 'retry-after', 'x-request-id'],
      MaxAge: 600,
    });
  });

  it('throttles the default stage', () => {
    // Prepare
    const { template } = globalRegion;

    // Act
    const [, stage] = only(template.findResources('AWS::ApiGatewayV2::Stage'));

    // Assess
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: THROTTLE.rateLimit, ThrottlingBurstLimit: THROTTLE.burstLimit },
    });
  });
});

describe('AssessmentStack IAM', () => {
  it('lets each handler reach only the table, with only its actions, and only its own log group', () => {
    // Prepare
    const { template, stack } = globalRegion;
    const [tableId] = only(template.findResources('AWS::DynamoDB::GlobalTable'));
    const functions = template.findResources('AWS::Lambda::Function');
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));

    for (const route of ROUTES) {
      // Act
      const fn = functions[functionId(stack, route.handler)];
      const roleId = fn?.Properties.Role['Fn::GetAtt'][0] as string;
      const statements = policies
        .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const role = template.findResources('AWS::IAM::Role')[roleId];

      // Assess
      expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
      expect(statements).toEqual([
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [fn?.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] },
        },
        ...(route.tableActions.length > 0 ? [{ Action: route.tableActions, Effect: 'Allow', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } }] : []),
      ]);
    }
  });

  it('grants each handler exactly the table actions its store calls need', () => {
    // Prepare
    const byHandler = Object.fromEntries(ROUTES.map((route) => [route.handler, route.tableActions]));

    // Act
    const writers = ROUTES.filter((route) => route.tableActions.includes('dynamodb:PutItem')).map((route) => route.handler);

    // Assess
    expect([...new Set(writers)]).toEqual(['compute', 'finalize', 'corrections', 'login', 'refresh', 'logout', 'changePassword', 'accounts']);
    expect(byHandler).toEqual({
      validate: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      compute: [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
      ],
      finalize: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      corrections: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      getAssessment: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      history: ['dynamodb:GetItem', 'dynamodb:Query'],
      login: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
      refresh: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      logout: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      changePassword: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      accounts: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      wellKnown: [],
    });
  });
});

describe('AssessmentStack bundles', () => {
  it('stages a minified ESM bundle with its source map for every handler', () => {
    // Prepare
    const { stack, outdir } = globalRegion;

    // Act
    const sizes = bundleSizes(stack);

    // Assess
    expect(sizes.map((s) => s.handler)).toEqual(HANDLERS);
    for (const { file, bytes } of sizes) {
      expect(file.startsWith(outdir)).toBe(true);
      expect(bytes).toBeGreaterThan(0);
      expect(existsSync(`${file}.map`)).toBe(true);
      const code = readFileSync(file, 'utf8');
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
      // Chinese text kept as UTF-8 (esbuild's default ASCII output escapes every such character).
      expect(code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('loads every bundle as Lambda does: 401 without verified claims, 400 for an empty sign-in, the public keys', () => {
    // Prepare
    const files = bundleSizes(globalRegion.stack).map((b) => pathToFileURL(b.file).href);
    const invokeAll = `
      const statuses = [];
      for (const file of JSON.parse(process.argv[1])) {
        const { handler } = await import(file);
        const event = { requestContext: { requestId: 'smoke', http: { method: 'POST' } }, headers: {}, body: null };
        statuses.push((await handler(event)).statusCode);
      }
      console.log('STATUSES ' + JSON.stringify(statuses));`;

    // Act
    const run = spawnSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', invokeAll, JSON.stringify(files)], {
      env: {
        ...process.env,
        TABLE_NAME: 'smoke',
        AWS_REGION: 'eu-central-1',
        TOKEN_ISSUER: 'https://api.example.org',
        SIGNING_KEY_FILE: join(workDir, 'smoke-key.json'),
      },
      encoding: 'utf8',
    });

    // Assess
    const expected = { login: 400, refresh: 400, wellKnown: 200 } as Record<string, number>;
    expect(run.stdout, run.stderr).toContain(`STATUSES ${JSON.stringify(HANDLERS.map((handler) => expected[handler] ?? 401))}`);
  });

  it('keeps the compute bundle under 300 KB', () => {
    // Prepare
    const { stack } = globalRegion;

    // Act
    const compute = bundleSizes(stack).find((s) => s.handler === 'compute');

    // Assess
    expect(compute?.bytes).toBeLessThan(300 * 1024);
  });
});

describe('AssessmentStack alarms', () => {
  it('alarms on API 5xx, each function’s errors and throttles, and table throttling, notifying the topic', () => {
    // Prepare
    const { template } = globalRegion;
    const [topicId] = only(template.findResources('AWS::SNS::Topic'));

    // Act
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);

    // Assess
    expect(alarms).toHaveLength(1 + 2 * HANDLERS.length + 1);
    expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
    for (const metricName of ['Errors', 'Throttles']) {
      const watched = alarms
        .filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metricName)
        .map((a) => a.Dimensions[0].Value.Ref as string);
      expect(watched.sort()).toEqual(HANDLERS.map((handler) => functionId(globalRegion.stack, handler)).sort());
    }
    expect(alarms.filter((a) => a.Metrics !== undefined)).toHaveLength(1);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Threshold).toBe(1);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'it@example.org' });
  });
});

describe('AssessmentStack add-in hosting', () => {
  it('serves a private bucket through CloudFront with origin access control', () => {
    // Prepare
    const { template } = globalRegion;

    // Act
    const [, distribution] = only(template.findResources('AWS::CloudFront::Distribution'));

    // Assess
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      DefaultRootObject: 'taskpane.html',
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: expect.any(String) },
      Origins: [{ OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] } }],
    });
  });

  it('deploys the add-in with a manifest for the CloudFront origin and invalidates the cache', () => {
    // Prepare
    const { template, outdir } = globalRegion;
    const [distributionId] = only(template.findResources('AWS::CloudFront::Distribution'));

    // Act
    const [, deployment] = only(template.findResources('Custom::CDKBucketDeployment'));
    const xml = stagedFile(outdir, 'manifest.xml');

    // Assess
    expect(deployment.Properties).toMatchObject({
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
    });
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(3);
    const markers = deployment.Properties.SourceMarkers as Record<string, unknown>[];
    const manifestMarkers = markers.find((m) => Object.keys(m).length > 2) ?? {};
    expect(xml).toMatch(/<SourceLocation DefaultValue="https:\/\/<<marker:0xbaba:\d+>>\/taskpane\.html"\/>/);
    expect(xml).not.toContain('.invalid');
    expect(new Set(Object.values(manifestMarkers).map((v) => JSON.stringify(v)))).toEqual(
      new Set([JSON.stringify({ 'Fn::GetAtt': [distributionId, 'DomainName'] })]),
    );
  });

  it('deploys config.json with the API address and the sign-in the add-in uses', () => {
    // Prepare
    const { template, outdir } = globalRegion;
    const [apiId] = only(template.findResources('AWS::ApiGatewayV2::Api'));
    const [, deployment] = only(template.findResources('Custom::CDKBucketDeployment'));

    // Act
    const config = JSON.parse(stagedFile(outdir, 'config.json')) as { apiBaseUrl: string };

    // Assess
    expect(config).toEqual({ apiBaseUrl: '<<marker:0xbaba:0>>', identity: 'local' });
    expect(deployment.Properties.SourceMarkers).toContainEqual({
      '<<marker:0xbaba:0>>': { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
    });
  });
});

describe('AssessmentStack with a custom add-in domain', () => {
  it('serves the add-in under the domain with the ACM certificate and admits only that origin', () => {
    // Prepare
    const { template } = customDomain;

    // Act
    const [, distribution] = only(template.findResources('AWS::CloudFront::Distribution'));
    const [, api] = only(template.findResources('AWS::ApiGatewayV2::Api'));

    // Assess
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      Aliases: ['kaohe.example.org'],
      ViewerCertificate: { AcmCertificateArn: CERTIFICATE_ARN, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
    });
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual(['https://kaohe.example.org']);
  });
});

describe('AssessmentStack warnings', () => {
  it('raises no configuration warning when all context is given', () => {
    // Prepare
    const { stack } = globalRegion;

    // Act
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('占位值|中国区'));

    // Assess
    expect(warnings).toEqual([]);
  });

  it('names the placeholders and the missing China domain when no context is given', () => {
    // Prepare
    const { stack } = noContext;

    // Act
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('占位值|中国区'));

    // Assess
    expect(warnings.map((w) => String(w.entry.data))).toEqual([
      expect.stringContaining('以下上下文参数使用了占位值，部署后 API 将拒绝所有令牌：entraTenantId、entraAudience'),
      expect.stringContaining('中国区 CloudFront 不能用默认域名 *.cloudfront.cn 提供内容'),
    ]);
  });
});

describe('AssessmentStack token signing key', () => {
  it('is a KMS RSA_2048 SIGN_VERIFY key whose policy alone lets only sign-in and refresh sign', () => {
    // Prepare
    const { template, stack } = globalRegion;
    const roleOf = (handler: string) => template.findResources('AWS::Lambda::Function')[functionId(stack, handler)]?.Properties.Role;

    // Act
    const [keyId, key] = only(template.findResources('AWS::KMS::Key'));
    const statements = key.Properties.KeyPolicy.Statement as { Sid: string; Action: string | string[]; Principal: unknown }[];
    const iamActions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => st.Action),
    );

    // Assess
    expect(key.Properties).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(key.DeletionPolicy).toBe('Retain');
    expect(statements.map((st) => st.Sid)).toEqual(['KeyAdministration', 'SignAccessTokens', 'PublishPublicKey']);
    expect(statements[0]).toMatchObject({ Action: KEY_ADMIN_ACTIONS, Principal: { AWS: expect.anything() } });
    expect(KEY_ADMIN_ACTIONS.some((a) => /^kms:(Sign|Create\*|CreateGrant|\*)$/.test(a))).toBe(false);
    expect(statements[1]).toMatchObject({ Action: 'kms:Sign', Principal: { AWS: [roleOf('login'), roleOf('refresh')] } });
    expect(statements[2]).toMatchObject({ Action: 'kms:GetPublicKey', Principal: { AWS: [roleOf('login'), roleOf('refresh'), roleOf('wellKnown')] } });
    expect(iamActions.filter((a) => a.startsWith('kms:'))).toEqual([]);
    for (const handler of HANDLERS) {
      const variables = template.findResources('AWS::Lambda::Function')[functionId(stack, handler)]?.Properties.Environment.Variables;
      expect(variables.SIGNING_KEY_ID, handler).toEqual(['login', 'refresh', 'wellKnown'].includes(handler) ? { 'Fn::GetAtt': [keyId, 'Arn'] } : undefined);
      expect(variables.TOKEN_AUDIENCE, handler).toBe('mubiao-kaohe');
    }
  });
});

describe('AssessmentStack in cn-north-1', () => {
  it('holds no aws-partition ARN', () => {
    // Prepare
    const { template } = chinaRegion;

    // Act
    const json = JSON.stringify(template.toJSON());

    // Assess
    expect(json).not.toContain('arn:aws:');
    expect(json).toContain('arn:aws-cn:');
    expect(Stack.of(chinaRegion.stack).region).toBe('cn-north-1');
  });

  it('trusts the 21Vianet Entra ID with identity=entra and admits only the ICP-filed add-in domain', () => {
    // Prepare
    const { template } = entraChina;

    // Act
    const [, authorizer] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const [, api] = only(template.findResources('AWS::ApiGatewayV2::Api'));

    // Assess
    expect(authorizer.Properties.JwtConfiguration.Issuer).toBe(`https://login.partner.microsoftonline.cn/${TENANT}/v2.0`);
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([CHINA_ORIGIN]);
  });

  it('uses an origin access identity, legacy cache settings and the IAM certificate on CloudFront', () => {
    // Prepare
    const { template } = chinaRegion;

    // Act
    const [, distribution] = only(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution.Properties.DistributionConfig;

    // Assess
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    expect(config.DefaultCacheBehavior.CachePolicyId).toBeUndefined();
    expect(config.DefaultCacheBehavior.ForwardedValues).toEqual({ QueryString: false });
    expect(config.IPV6Enabled).toBe(false);
    expect(config.Aliases).toEqual(['kaohe.example.gov.cn']);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: 'ASCAEXAMPLE123',
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('renders the manifest for the custom domain at synth time', () => {
    // Prepare
    const { outdir } = chinaRegion;

    // Act
    const xml = stagedFile(outdir, 'manifest.xml');

    // Assess
    expect(xml).toContain(`<SourceLocation DefaultValue="${CHINA_ORIGIN}/taskpane.html"/>`);
  });
});
