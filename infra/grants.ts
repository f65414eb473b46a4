/**
 * The archive's grants, narrower than the CDK defaults: `bucket.grantPut` would also allow
 * s3:PutObjectRetention / PutObjectLegalHold / tagging on every key, and `grantRead` s3:GetBucket* and
 * s3:List* on the whole bucket. Each grant here names its actions and the archive key patterns, and
 * acknowledges the one cdk-nag finding the patterns cause, with the reason.
 */

import { Stack, type CfnResource } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { ARCHIVE_OBJECT_PATTERNS } from './constructs/archive-storage.ts';
import { acknowledge } from './nag.ts';

interface WithRole {
  readonly role?: IRole | undefined;
}

/** Create archived objects, and nothing else: no delete, no overwrite of retention, no other keys. */
export function grantPutArchiveObjects(fn: WithRole, bucket: Bucket): void {
  const role = roleOf(fn);
  Grant.addToPrincipal({
    grantee: role,
    actions: ['s3:PutObject'],
    resourceArns: ARCHIVE_OBJECT_PATTERNS.map((pattern) => bucket.arnForObjects(pattern)),
  });
  acknowledgeObjectPatterns(role, bucket,
    'Content-addressed keys (<name>/sha256/<digest>) are only known once the bytes are hashed, so the ' +
    'write grant is a key pattern; it is limited to s3:PutObject (create-only with If-None-Match) on the ' +
    'archive prefixes: no delete, no retention or legal-hold changes, no other keys.');
}

/**
 * Read archived objects. With s3:ListBucket a missing key is a 404 (NoSuchKey) rather than a 403, so a
 * missing object is reported as missing; ListBucket is also what the audit needs to find orphans.
 */
export function grantReadArchiveObjects(fn: WithRole, bucket: Bucket): void {
  const role = roleOf(fn);
  Grant.addToPrincipal({
    grantee: role,
    actions: ['s3:GetObject'],
    resourceArns: ARCHIVE_OBJECT_PATTERNS.map((pattern) => bucket.arnForObjects(pattern)),
  });
  Grant.addToPrincipal({ grantee: role, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
  acknowledgeObjectPatterns(role, bucket,
    'Reads any archived object: keys are content digests named by catalogue records, so the grant is a ' +
    'key pattern, limited to s3:GetObject on the archive prefixes.');
}

/** The table grants include its indexes (`<table>/index/*`): the one finding they cause, acknowledged. */
export function acknowledgeTableIndexes(fn: WithRole, table: TableV2, access: 'read' | 'read-write'): void {
  const id = logicalIdOf(table.node.defaultChild as CfnResource);
  acknowledge(roleOf(fn), `AwsSolutions-IAM5[Resource::<${id}.Arn>/index/*]`,
    `Queries on the catalogue's global secondary indexes (by URL, by speaker, ...): every index of this ` +
    `one table, ${access === 'read' ? 'read-only' : 'read and conditional write on the base table'}; the ` +
    `index list changes with the access patterns, the grant should not have to.`);
}

function acknowledgeObjectPatterns(role: IRole, bucket: Bucket, reason: string): void {
  const id = logicalIdOf(bucket.node.defaultChild as CfnResource);
  for (const pattern of ARCHIVE_OBJECT_PATTERNS) {
    acknowledge(role, `AwsSolutions-IAM5[Resource::<${id}.Arn>/${pattern}]`, reason);
  }
}

function roleOf(fn: WithRole): IRole {
  if (!fn.role) throw new Error('the function has no execution role to grant to');
  return fn.role;
}

function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}
