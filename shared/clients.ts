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

/** Every client (local mode, CLI, tools). */
export function createClients(options: ClientOptions = {}): AwsClients {
  return { s3: createS3Client(options), ...createDynamoClients(options), sqs: createSqsClient(options) };
}

// One factory per service, so a Lambda bundle that needs one service contains only that SDK client
// (the AWS SDK is tree-shaken per import; the API function loads S3 and SQS only when a route needs them).

function commonOptions(options: ClientOptions) {
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 5,
  };
}

export function createS3Client(options: ClientOptions = {}): S3Client {
  // Emulators (and AWS_ENDPOINT_URL_S3 pointing at one) need path-style addressing.
  return new S3Client({
    ...commonOptions(options),
    ...(options.s3Endpoint ? { endpoint: options.s3Endpoint } : {}),
    forcePathStyle: Boolean(options.s3Endpoint ?? process.env.AWS_ENDPOINT_URL_S3),
  });
}

export function createDynamoClients(options: ClientOptions = {}): Pick<AwsClients, 'dynamo' | 'dynamoBase'> {
  const dynamoBase = new DynamoDBClient({
    ...commonOptions(options),
    ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
  });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { dynamo, dynamoBase };
}

export function createSqsClient(options: ClientOptions = {}): SQSClient {
  return new SQSClient(commonOptions(options));
}
