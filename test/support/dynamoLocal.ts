import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../functions/src/server/dynamoDbLocal.js';
import { createDocumentClient } from '../../functions/src/store/dynamoClient.js';
import { ensureTable } from '../../functions/src/store/tableSchema.js';

/**
 * A DynamoDB Local for a test file, with the service's table created and a document client.
 * `stop`/`restart` stop and start the JVM (fault tests); `dispose` ends it all.
 */
export interface TestDynamo extends DynamoDbLocal {
  tableName: string;
  doc: DynamoDBDocumentClient;
  dispose(): Promise<void>;
}

/**
 * Starts DynamoDB Local on a free port (in memory unless `dbPath` is given), creates the table
 * and returns a client. Call `dispose()` in `afterAll`. One JVM per test file: starting one
 * costs about two seconds.
 */
export async function startTestDynamo(options: { dbPath?: string; tableName?: string } = {}): Promise<TestDynamo> {
  const dynamo = await startDynamoDbLocal({ dbPath: options.dbPath, maxHeap: '384m' });
  const tableName = options.tableName ?? 'mubiao-kaohe-test';
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(admin, tableName);
  } finally {
    admin.destroy();
  }
  const doc = createDocumentClient({ tableName, endpoint: dynamo.endpoint });
  return {
    ...dynamo,
    tableName,
    doc,
    async dispose() {
      doc.destroy();
      await dynamo.stop();
    },
  };
}
