/**
 * cdk-nag (v3) acknowledgements. cdk-nag 3 is a CDK policy-validation plugin: a finding is acknowledged
 * with `Validations.of(construct).acknowledge()`, one finding id at a time, and every acknowledgement
 * must say why. This helper keeps the id format in one place.
 */

import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The rule pack run on the stack (in `infra/app.ts` and in the tests). */
export const NAG_PACK = 'AwsSolutions';

/**
 * Acknowledge one cdk-nag finding on a construct (and the resources below it).
 * @example acknowledge(bucket, 'AwsSolutions-S1', 'this is the access-log bucket itself')
 */
export function acknowledge(construct: IConstruct, findingId: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: `${NAG_PACK}::${findingId}`, reason });
}
