/**
 * Deployment settings, from CDK context (`cdk.json` or `-c key=value`), read once and validated with
 * errors that name the key: a typo in a setting stops the synth instead of deploying a default.
 */

import type { Construct } from 'constructs';

export interface StackSettings {
  /** Default Object Lock retention (governance mode) of archived objects, in days. */
  objectLockRetentionDays: number;
  captureMemoryMb: number;
  /** Retention of the S3 server access logs, in days. */
  accessLogRetentionDays: number;
  /** API Gateway stage throttling (the outer wall): steady requests per second, and burst. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Alarm when the oldest capture job has waited longer than this. */
  maxQueueAgeMinutes: number;
  /** Alarm when more than this share of capture invocations fail (%). */
  captureErrorRatePercent: number;
  /** Alarm when the API answers more than this many 5xx in five minutes. */
  api5xxPerFiveMinutes: number;
  /** Alarm notifications by e-mail (optional; the SNS topic exists either way). */
  alarmEmail: string | undefined;
  /** Make the read routes private too (an archivist key on every request); public by default. */
  readRequiresKey: boolean;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export function readSettings(scope: Construct): StackSettings {
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const raw: unknown = scope.node.tryGetContext(`verbatim:${key}`);
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new SettingsError(`context verbatim:${key} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const email: unknown = scope.node.tryGetContext('verbatim:alarmEmail');
  if (email !== undefined && email !== '' && (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
    throw new SettingsError(`context verbatim:alarmEmail must be an e-mail address, got ${JSON.stringify(email)}`);
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const raw: unknown = scope.node.tryGetContext(`verbatim:${key}`);
    if (raw === undefined || raw === '') return fallback;
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new SettingsError(`context verbatim:${key} must be true or false, got ${JSON.stringify(raw)}`);
  };
  const settings: StackSettings = {
    objectLockRetentionDays: number('objectLockRetentionDays', 365, 1, 36_500),
    captureMemoryMb: number('captureMemoryMb', 1024, 128, 10_240),
    accessLogRetentionDays: number('accessLogRetentionDays', 365, 1, 36_500),
    apiRateLimit: number('apiRateLimit', 50, 1, 10_000),
    apiBurstLimit: number('apiBurstLimit', 100, 1, 5_000),
    maxQueueAgeMinutes: number('maxQueueAgeMinutes', 30, 1, 5_760),
    captureErrorRatePercent: number('captureErrorRatePercent', 5, 0, 100),
    api5xxPerFiveMinutes: number('api5xxPerFiveMinutes', 5, 0, 1_000_000),
    alarmEmail: typeof email === 'string' && email !== '' ? email : undefined,
    readRequiresKey: flag('readRequiresKey', false),
  };
  return settings;
}
