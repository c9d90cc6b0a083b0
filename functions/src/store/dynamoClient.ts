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
 * Deadlines of every store call: a connection must open within {@link CONNECTION_TIMEOUT_MS},
 * an answer arrive within {@link REQUEST_TIMEOUT_MS} (then the request is aborted, not just
 * warned about), and a call is tried {@link MAX_ATTEMPTS} times. So a call that DynamoDB does not
 * answer fails after about 2 × 3 s, and the handler answers 503 with `Retry-After`.
 * Retries of one command resend the same serialised request, so a retried transaction keeps its
 * `ClientRequestToken` and DynamoDB applies it at most once.
 */
export const CONNECTION_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;
export const MAX_ATTEMPTS = 2;

/**
 * A document client with those deadlines: when DynamoDB is unreachable or stalls, the call fails
 * within seconds instead of hanging until the Lambda times out.
 */
export function createDocumentClient(config: StoreConfig): DynamoDBDocumentClient {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    endpoint: config.endpoint,
    region: config.region ?? (local ? 'local' : undefined),
    // DynamoDB Local accepts any credentials; real ones come from the Lambda role.
    credentials: local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
