/** The VerbatimError a promise rejects with; any other outcome (success, another error) fails the test. */

import { VerbatimError } from '../../shared/errors.ts';

export async function failureOf(promise: Promise<unknown>): Promise<VerbatimError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VerbatimError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}
