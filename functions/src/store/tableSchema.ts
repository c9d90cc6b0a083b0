import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The single table of the service (the CDK stack declares the same): string keys `pk`/`sk`,
 * on-demand billing, TTL on `expiresAt` (epoch seconds; only idempotency records carry it).
 *
 * | item            | pk                         | sk                                   |
 * |-----------------|----------------------------|--------------------------------------|
 * | user            | `USER`                     | `<oid>`                              |
 * | month state     | `TOWN#<town>`              | `MONTH#<YYYY-MM>`                    |
 * | 定稿 counter    | `TOWN#<town>`              | `YEAR#<YYYY>`                        |
 * | run             | `TOWN#<town>`              | `RUN#<YYYY-MM or none>#<ISO>#<runId>`|
 * | audit entry     | `TOWN#<town>`              | `AUDIT#<YYYY-MM or users>#<ISO>#<id>`|
 * | blob chunk      | `BLOB#<blobId>`            | `<0000…>`                            |
 * | idempotency     | `IDEMPOTENCY#<oid>#<key>`  | `IDEMPOTENCY`                        |
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

/** Creates the table when it does not exist (DynamoDB Local, tests). Returns whether it created it. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  return true;
}
