/**
 * The AWS SDK clients, created once. The endpoint override is the only difference between Lambda and the
 * local emulators (s3rver, dynalite): same clients, same calls.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface ClientOptions {
  /** Region; defaults to the SDK's own resolution (AWS_REGION on Lambda). */
  region?: string;
  s3Endpoint?: string;
  dynamoEndpoint?: string;
  /** Static credentials, for the local emulators only. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface AwsClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
  /** The low-level client, for table administration (local set-up only). */
  dynamoBase: DynamoDBClient;
  sqs: SQSClient;
}

export function createClients(options: ClientOptions = {}): AwsClients {
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 5,
  };
  // Emulators (and AWS_ENDPOINT_URL_S3 pointing at one) need path-style addressing.
  const s3 = new S3Client({
    ...common,
    ...(options.s3Endpoint ? { endpoint: options.s3Endpoint } : {}),
    forcePathStyle: Boolean(options.s3Endpoint ?? process.env.AWS_ENDPOINT_URL_S3),
  });
  const dynamoBase = new DynamoDBClient({
    ...common,
    ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
  });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const sqs = new SQSClient(common);
  return { s3, dynamo, dynamoBase, sqs };
}
