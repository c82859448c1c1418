/**
 * What AWS allows in each text answer, and how a pasted value is tidied the
 * way the AWS console writes it, before it is checked. The form and the share
 * link both clean with cleanAnswer, so a value reads the same from either.
 */
import { PARTITIONS, PERSONALIZE_REGIONS } from './partitions';
import { listInProse } from './prose';

/** The answers a person types or pastes as text. */
export const TEXT_FIELDS = [
  'accountId',
  'roleName',
  'rolePath',
  'keyArn',
  'datasetGroupKeyArn',
  'bucketName',
  'region',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const longest = (names: readonly string[]) => Math.max(...names.map((name) => name.length));

/** The longest region name where Personalize runs (ap-southeast-1 and its like). */
const REGION_MAX_LENGTH = longest(Object.values(PERSONALIZE_REGIONS).flat());

/**
 * The longest key ARN Personalize can use: the longest partition name, a
 * region as long as the longest Personalize region (KMS keys are regional,
 * and Personalize uses a key of its own region), a 12-digit account and a
 * 36-character key ID (a UUID, or mrk- and 32 hex digits).
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
 */
const KEY_ARN_MAX_LENGTH =
  `arn:${'p'.repeat(longest(PARTITIONS))}:kms:${'r'.repeat(REGION_MAX_LENGTH)}:${'0'.repeat(12)}:key/${'k'.repeat(36)}`
    .length;

/**
 * The most characters AWS allows in each text answer, for the form's
 * maxLength; the answers schema rejects longer text.
 * - Account ID: 12 digits. Role name 64, role path 512:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * - Bucket name: 63 for new buckets, but buckets made in us-east-1 before
 *   March 2018 may have up to 255, which the wizard accepts with a warning:
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const ANSWER_MAX_LENGTH: Readonly<Record<TextField, number>> = Object.freeze({
  accountId: 12,
  roleName: 64,
  rolePath: 512,
  keyArn: KEY_ARN_MAX_LENGTH,
  datasetGroupKeyArn: KEY_ARN_MAX_LENGTH,
  bucketName: 255,
  region: REGION_MAX_LENGTH,
});

/**
 * The longest role ARN IAM accepts, for the role ARN field's maxLength (the field fills the
 * account, name and path answers, which have their own limits above). IAM's Role type:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html; its name and path:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const ROLE_ARN_MAX_LENGTH = 2048;

/** What a person calls each text answer, at the start of a sentence. */
const TEXT_FIELD_NAMES: Readonly<Record<TextField, string>> = Object.freeze({
  accountId: 'An account ID',
  roleName: 'A role name',
  rolePath: 'A role path',
  keyArn: 'A key ARN',
  datasetGroupKeyArn: 'A key ARN',
  bucketName: 'A bucket name',
  region: 'A region name',
});

/** The message for text longer than AWS allows, or `undefined` when it fits. */
export function lengthProblem(field: TextField, value: string): string | undefined {
  const max = ANSWER_MAX_LENGTH[field];
  if (value.length <= max) return undefined;
  return `${TEXT_FIELD_NAMES[field]} has at most ${String(max)} characters (this has ${String(value.length)}).`;
}

/** Pasted text longer than this many times the limit is left as it is (and rejected). */
const CLEANABLE_FACTOR = 4;

// Zero-width spaces and word joiners come along when copying from web pages;
// String.prototype.trim does not remove them.
const OUTER_SPACE = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
// The console shows an account ID as 1111-2222-3333; some pages use spaces.
const GROUPED_DIGITS = /^\d+(?:[-\s]\d+)+$/;

export interface CleanedAnswer {
  /** The value to use. */
  value: string;
  /** What was cleaned, in plain words; absent when the value is used as given. */
  cleaned?: string;
}

/**
 * Tidies a pasted or typed answer the way the AWS console writes it: the
 * spaces around any value, and the dashes or spaces between an account ID's
 * digits. Nothing else changes, so a value is never turned into another valid
 * one: none of these answers may start or end with a space, and an account ID
 * is cleaned only when 12 digits remain.
 */
export function cleanAnswer(field: TextField, raw: string): CleanedAnswer {
  if (raw.length > CLEANABLE_FACTOR * ANSWER_MAX_LENGTH[field]) return { value: raw };
  const removed: string[] = [];
  const trimmed = raw.replace(OUTER_SPACE, '');
  if (trimmed !== raw) {
    const lineBreaks = [...raw.matchAll(OUTER_SPACE)].some(([outer]) => LINE_BREAK.test(outer));
    removed.push(
      lineBreaks ? 'the spaces and line breaks around the value' : 'the spaces around the value',
    );
  }
  let value = trimmed;
  if (field === 'accountId' && GROUPED_DIGITS.test(value)) {
    const digits = value.replace(/[-\s]/g, '');
    if (digits.length === ANSWER_MAX_LENGTH.accountId) {
      const dashes = value.includes('-');
      const spaces = /\s/.test(value);
      removed.unshift(
        dashes && spaces
          ? 'the dashes and spaces between the digits'
          : dashes
            ? 'the dashes the console shows'
            : 'the spaces between the digits',
      );
      value = digits;
    }
  }
  return removed.length === 0 ? { value } : { value, cleaned: `Removed ${listInProse(removed)}.` };
}
