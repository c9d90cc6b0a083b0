import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../functions/src/store/tableSchema.js';
import { AddinHosting } from './AddinHosting.js';
import { renderManifestFor } from './addinContent.js';
import type { DeployConfig } from './deployConfig.js';
import { Monitoring } from './Monitoring.js';
import { ServiceApi } from './ServiceApi.js';

export interface AssessmentStackProps extends StackProps {
  config: DeployConfig;
  repoRoot: string;
  /** Folder uploaded as the add-in (dist/addin or a placeholder). */
  addinDir: string;
}

/** The whole product in one stack: table, HTTP API with its functions, add-in hosting, alarms. */
export class AssessmentStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly hosting: AddinHosting;
  readonly service: ServiceApi;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AssessmentStackProps) {
    super(scope, id, props);
    const { config } = props;

    // The store's single table; TTL expires idempotency records.
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.hosting = new AddinHosting(this, 'Addin', {
      china: config.china,
      ...(config.addinDomain && { domain: config.addinDomain }),
    });

    this.service = new ServiceApi(this, 'Service', {
      table: this.table,
      allowedOrigin: this.hosting.origin,
      identity:
        config.identity === 'entra'
          ? { mode: 'entra', issuer: config.jwtIssuer, audience: config.entraAudience }
          : { mode: 'local', ...(config.apiOrigin !== undefined && { issuer: config.apiOrigin }) },
      repoRoot: props.repoRoot,
    });

    this.hosting.publish({
      contentDir: props.addinDir,
      manifestXml: renderManifestFor(this.hosting.origin),
      runtimeConfig: {
        apiBaseUrl: config.apiOrigin ?? this.service.url,
        identity: config.identity,
        ...(config.identity === 'entra' && {
          entra: {
            clientId: config.entraAudience,
            tenantId: config.entraTenantId,
            authority: config.entraAuthority,
          },
        }),
      },
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      api: this.service.api,
      functions: this.service.functions.map(({ route, fn }) => ({ name: route.handler, fn })),
      table: this.table,
      ...(config.alarmEmail !== undefined && { alarmEmail: config.alarmEmail }),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.service.url, description: 'HTTP API 地址' });
    new CfnOutput(this, 'AddinUrl', { value: this.hosting.origin, description: '加载项地址' });
    new CfnOutput(this, 'ManifestUrl', { value: `${this.hosting.origin}/manifest.xml`, description: '加载项清单地址' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.hosting.distribution.distributionDomainName,
      description: '自定义域名的 CNAME 目标',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TokenIssuer', { value: this.service.issuer, description: '访问令牌签发者（JWT 授权方的 issuer）' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: '告警 SNS 主题' });
  }
}
