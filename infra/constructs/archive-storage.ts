/**
 * The stateful half: the snapshot bucket (with its access-log bucket) and the catalogue table. All
 * outlive the stack (RETAIN): an archive, and the record of who read it, is not deleted by `cdk destroy`.
 */

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockMode,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../../shared/catalog/dynamo-access.ts';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../../shared/catalog/table.ts';
import { OBJECT_NAMES } from '../../shared/domain/capture.ts';

/**
 * The key patterns of archived objects (`<name>/sha256/<digest><suffix>`, see run-capture): grants are
 * scoped to these, so no function can touch anything else in the bucket.
 */
export const ARCHIVE_OBJECT_PATTERNS = OBJECT_NAMES.map((name) => `${name}/sha256/*`);

export interface ArchiveStorageProps {
  /** Default Object Lock retention (governance mode) for every stored object, in days. */
  retentionDays: number;
  /** How long S3 server access logs are kept, in days. */
  accessLogRetentionDays: number;
}

export class ArchiveStorage extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: ArchiveStorageProps) {
    super(scope, id);

    // Who read or wrote which archived object, and when: S3 server access logs (SSE-S3, the only
    // encryption log delivery supports).
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Snapshots', {
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Immutability: governance-mode Object Lock means even a principal allowed to delete cannot
      // remove a locked version without the explicit bypass permission.
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(props.retentionDays)),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'snapshots/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Catalog', {
      partitionKey: key(TABLE_KEYS.partition),
      sortKey: key(TABLE_KEYS.sort),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Quota counters and idempotency claims expire by themselves.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partition),
        sortKey: key(index.sort),
      })),
    });
  }
}
