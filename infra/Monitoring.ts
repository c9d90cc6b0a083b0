import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  api: apigw.IHttpApi;
  functions: { name: string; fn: lambda.IFunction }[];
  table: dynamodb.ITableV2;
  /** Subscribed to the alarm topic by e-mail when given. */
  alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/** Alarms on API 5xx, Lambda errors and throttles, and DynamoDB throttling, all notifying one SNS topic. */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: '目标管理考核告警' });
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.addAlarm('Api5xx', 'HTTP API 返回 5xx（服务内部错误）', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }));
    for (const { name, fn } of props.functions) {
      this.addAlarm(`${name}Errors`, `函数 ${name} 执行出错`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }));
      this.addAlarm(`${name}Throttles`, `函数 ${name} 被限流`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }));
    }
    // Every operation the handlers call (ServiceApi's ROUTES); CloudWatch has no table-wide throttle metric.
    this.addAlarm(
      'TableThrottles',
      'DynamoDB 表请求被限流',
      props.table.metricThrottledRequestsForOperations({
        operations: [
          dynamodb.Operation.GET_ITEM,
          dynamodb.Operation.BATCH_GET_ITEM,
          dynamodb.Operation.QUERY,
          dynamodb.Operation.PUT_ITEM,
          dynamodb.Operation.UPDATE_ITEM,
          dynamodb.Operation.DELETE_ITEM,
          dynamodb.Operation.TRANSACT_WRITE_ITEMS,
        ],
        period: PERIOD,
      }),
    );
  }

  private addAlarm(id: string, description: string, metric: cloudwatch.IMetric): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
