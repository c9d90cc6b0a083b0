import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the table is. `endpoint` is set only for DynamoDB Local; in AWS the SDK's defaults apply. */
export interface StoreConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

/** Reads `TABLE_NAME` (required), `DYNAMODB_ENDPOINT` (local only) and `AWS_REGION`. */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return { tableName, endpoint: env.DYNAMODB_ENDPOINT || undefined, region: env.AWS_REGION || undefined };
}

/**
 * A document client with short timeouts: when DynamoDB is unreachable the request should fail
 * within a few seconds (the handler answers 503 with a retry hint) instead of hanging until the
 * Lambda times out.
 */
export function createDocumentClient(config: StoreConfig): DynamoDBDocumentClient {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    endpoint: config.endpoint,
    region: config.region ?? (local ? 'local' : undefined),
    // DynamoDB Local accepts any credentials; real ones come from the Lambda role.
    credentials: local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
