import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { maxBodyBytes, maxJsonBytes } from '../http/requestBody.js';
import { AssessmentStore } from '../store/AssessmentStore.js';
import { createDocumentClient, storeConfigFromEnv } from '../store/dynamoClient.js';
import { IdempotencyStore } from '../store/IdempotencyStore.js';
import { UserStore } from '../store/UserStore.js';

/** Everything a handler uses, built once per Lambda container (or local server) from the environment. */
export interface ServiceContext {
  doc: DynamoDBDocumentClient;
  users: UserStore;
  assessments: AssessmentStore;
  idempotency: IdempotencyStore;
  logger: Logger;
  metrics: Metrics;
  /** The add-in's origin (`ALLOWED_ORIGIN`); CORS headers go to that origin only. */
  allowedOrigin: string | undefined;
  maxBodyBytes: number;
  /** Limit of the JSON once gunzipped (`MAX_JSON_BYTES`). */
  maxJsonBytes: number;
}

let current: ServiceContext | undefined;

/**
 * The context from `TABLE_NAME`, `ALLOWED_ORIGIN`, `MAX_BODY_BYTES`, `MAX_JSON_BYTES`, `POWERTOOLS_SERVICE_NAME`
 * (and `DYNAMODB_ENDPOINT` for DynamoDB Local), created on first use.
 */
export function serviceContext(): ServiceContext {
  if (current) return current;
  const config = storeConfigFromEnv();
  const doc = createDocumentClient(config);
  const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'mubiao-kaohe';
  current = {
    doc,
    users: new UserStore(doc, config.tableName),
    assessments: new AssessmentStore(doc, config.tableName),
    idempotency: new IdempotencyStore(doc, config.tableName),
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: 'MubiaoKaohe', serviceName }),
    allowedOrigin: process.env.ALLOWED_ORIGIN || undefined,
    maxBodyBytes: maxBodyBytes(),
    maxJsonBytes: maxJsonBytes(),
  };
  return current;
}

/** Forgets the context (the local server calls it when it stops, so the next start reads the environment anew). */
export function resetServiceContext(): void {
  current?.doc.destroy();
  current = undefined;
}
