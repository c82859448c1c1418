/**
 * Field rules for the answers, each returning a sentence a person can act on,
 * or `undefined` when the value is fine.
 *
 * Sources:
 * - IAM names and paths: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * - Key ARNs: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
import { parse as parseArn, validate as looksLikeArn } from '@aws-sdk/util-arn-parser';

import { lengthProblem } from './clean';
import { isPartition, partitionOfRegion, PERSONALIZE_REGIONS, type Partition } from './partitions';

export const ACCOUNT_ID = /^\d{12}$/;
/** An account's root user as a principal, `arn:PARTITION:iam::ACCOUNT:root`: its partition and account. */
export const ROOT_ARN = /^arn:([\w-]+):iam::(\d{12}):root$/;
/**
 * A service principal, such as `personalize.amazonaws.com` (`.amazonaws.com.cn` in the China
 * regions): dot-separated labels of lowercase letters, digits and hyphens.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export const SERVICE_PRINCIPAL_SHAPE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;
/** A role's name, as IAM's pattern (unanchored, so that an ARN's pattern can hold it). */
export const ROLE_NAME_PATTERN = String.raw`[\w+=,.@-]{1,64}`;
/** A role's path, as IAM's pattern: "/", or "/" + printable ASCII + "/" (unanchored). */
export const ROLE_PATH_PATTERN = String.raw`\/(?:[\u0021-\u007e]+\/)?`;
const ROLE_NAME = new RegExp(`^${ROLE_NAME_PATTERN}$`);
const ROLE_PATH = new RegExp(`^${ROLE_PATH_PATTERN}$`);
const KEY_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

export function regionProblem(value: string): string | undefined {
  return REGION.test(value) ? undefined : 'A region looks like us-east-1.';
}

export function accountIdProblem(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return undefined;
  if (/\s/.test(value)) return 'An account ID has no spaces: enter its 12 digits only.';
  if (/^\d+$/.test(value)) {
    return `An account ID has exactly 12 digits (this has ${value.length}). Keep any leading zeros.`;
  }
  return 'An account ID is 12 digits, such as 111122223333.';
}

export function roleNameProblem(value: string): string | undefined {
  if (ROLE_NAME.test(value)) return undefined;
  const tooLong = lengthProblem('roleName', value);
  if (tooLong !== undefined) return tooLong;
  if (value.startsWith('arn:')) {
    return 'Enter the role name only, or paste the whole role ARN into the role ARN field.';
  }
  if (value.includes('/'))
    return 'Enter the role name without its path; the path has its own field.';
  return 'A role name uses only letters, digits and _+=,.@- (no spaces).';
}

export function rolePathProblem(value: string): string | undefined {
  const tooLong = lengthProblem('rolePath', value);
  if (tooLong !== undefined) return tooLong;
  if (!value.startsWith('/') || !value.endsWith('/')) {
    return 'A role path starts and ends with a slash, such as / or /service-role/.';
  }
  if (value === '//') return 'A role path is / alone, or has a name between its slashes.';
  // IAM allows these in paths, but a key policy cannot name a principal whose
  // ARN has a wildcard in it.
  if (/[*?]/.test(value)) return 'A key policy cannot name a role whose path has * or ? in it.';
  if (ROLE_PATH.test(value)) return undefined;
  return 'A role path uses printable characters only, no spaces, such as /service-role/.';
}

export interface KeyArn {
  partition: Partition;
  region: string;
  accountId: string;
  keyId: string;
}

/** The parts of a KMS key ARN, or `undefined` when it is not one. */
export function parseKeyArn(value: string): KeyArn | undefined {
  if (!looksLikeArn(value)) return undefined;
  const arn = parseArn(value);
  if (arn.service !== 'kms' || !arn.resource.startsWith('key/')) return undefined;
  const keyId = arn.resource.slice('key/'.length);
  const { partition } = arn;
  if (!isPartition(partition)) return undefined;
  if (!REGION.test(arn.region) || !ACCOUNT_ID.test(arn.accountId) || !KEY_ID.test(keyId)) {
    return undefined;
  }
  // A key lives in one region, and a region in one partition: an ARN whose two
  // disagree names no key (arn:aws:kms:cn-north-1:… does not exist).
  if (partitionOfRegion(arn.region)?.partition !== partition) return undefined;
  return { partition, region: arn.region, accountId: arn.accountId, keyId };
}

export function keyArnProblem(value: string): string | undefined {
  if (parseKeyArn(value)) return undefined;
  if (/\s/.test(value)) return 'A key ARN has no spaces; check what was pasted.';
  if (value.startsWith('alias/') || /^arn:[^:]*:kms:[^:]*:[^:]*:alias\//.test(value)) {
    return 'That is an alias. IAM policies and Personalize need the key ARN (…:key/…); the command “aws kms describe-key --key-id alias/NAME --query KeyMetadata.Arn --output text” prints it.';
  }
  if (KEY_ID.test(value)) {
    return 'That is a key ID. Enter the whole key ARN: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID.';
  }
  if (!looksLikeArn(value)) return 'A key ARN looks like arn:aws:kms:us-east-1:111122223333:key/…';
  const arn = parseArn(value);
  if (arn.service !== 'kms')
    return `That is an ARN for ${arn.service || 'another service'}, not a KMS key.`;
  if (!isPartition(arn.partition)) {
    return `Amazon Personalize is not available in the ${arn.partition || 'empty'} partition.`;
  }
  const regionPartition = partitionOfRegion(arn.region);
  if (regionPartition !== undefined && regionPartition.partition !== arn.partition) {
    return isPartition(regionPartition.partition)
      ? `${arn.region} is a region of the ${regionPartition.partition} partition, so a key there has an ARN that starts arn:${regionPartition.partition}:kms:, not arn:${arn.partition}:kms:. Check the pasted ARN.`
      : `${arn.region} is a region of the ${regionPartition.partition} partition (${regionPartition.name}), where Amazon Personalize does not run.`;
  }
  if (!REGION.test(arn.region)) return 'The key ARN needs a region, such as us-east-1.';
  if (regionPartition === undefined) {
    return `The key ARN needs a region, such as us-east-1; ${arn.region} is not a region name AWS uses.`;
  }
  if (!ACCOUNT_ID.test(arn.accountId)) return 'The key ARN needs a 12-digit account ID.';
  return 'The key ID at the end must be a UUID (lowercase) or mrk- followed by 32 hex digits.';
}

/** A warning (not an error) for a key in a region where Personalize does not run. */
export function keyRegionWarning(arn: KeyArn): string | undefined {
  const regions: readonly string[] = PERSONALIZE_REGIONS[arn.partition];
  if (regions.includes(arn.region)) return undefined;
  return `Amazon Personalize does not run in ${arn.region}; a KMS key must be in the same region as the Personalize resources that use it.`;
}

export interface RoleArn {
  partition: Partition;
  accountId: string;
  rolePath: string;
  roleName: string;
}

export type ParsedRoleArn = { ok: true; role: RoleArn } | { ok: false; message: string };

/** Splits a pasted role ARN into account, path and name, with a reason when it is not one. */
export function parseRoleArn(input: string): ParsedRoleArn {
  const value = input.trim();
  if (/\s/.test(value)) return { ok: false, message: 'A role ARN has no spaces inside it.' };
  if (!looksLikeArn(value)) {
    return { ok: false, message: 'A role ARN looks like arn:aws:iam::111122223333:role/MyRole.' };
  }
  const arn = parseArn(value);
  if (arn.service !== 'iam' || !arn.resource.startsWith('role/')) {
    return { ok: false, message: 'That ARN is not an IAM role (…:iam::ACCOUNT:role/NAME).' };
  }
  const { partition } = arn;
  if (!isPartition(partition)) {
    return {
      ok: false,
      message: `Amazon Personalize is not available in the ${partition} partition.`,
    };
  }
  if (arn.region !== '') return { ok: false, message: 'IAM role ARNs have no region.' };
  const accountProblem = accountIdProblem(arn.accountId);
  if (accountProblem) return { ok: false, message: accountProblem };
  const pathAndName = arn.resource.slice('role'.length);
  const lastSlash = pathAndName.lastIndexOf('/');
  const rolePath = pathAndName.slice(0, lastSlash + 1);
  const roleName = pathAndName.slice(lastSlash + 1);
  const problem = roleNameProblem(roleName) ?? rolePathProblem(rolePath);
  if (problem) return { ok: false, message: problem };
  return {
    ok: true,
    role: { partition, accountId: arn.accountId, rolePath, roleName },
  };
}

const BUCKET_CHARS = /^[A-Za-z0-9._-]+$/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Errors that make a value unusable as a bucket name in a policy. Names that
 * only break today's naming rules get a warning instead (older buckets may
 * have them). https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(value: string): string | undefined {
  if (value.startsWith('arn:') || value.startsWith('s3://')) {
    return 'Enter the bucket name alone, without s3:// or arn:aws:s3:::.';
  }
  if (/\s/.test(value)) return 'A bucket name has no spaces.';
  if (value.includes('/')) return 'Enter the bucket name without a folder or key (no /).';
  if (value.length < 3 || value.length > 255) {
    return 'A bucket name has 3 to 63 characters (older buckets up to 255).';
  }
  if (!BUCKET_CHARS.test(value)) {
    return 'A bucket name uses lowercase letters, digits, dots and hyphens only.';
  }
  return undefined;
}

/** A warning for a name S3 would not accept for a new bucket today. */
export function bucketNameWarning(value: string): string | undefined {
  if (value === '' || bucketNameProblem(value) !== undefined) return undefined;
  const legacy =
    'S3 does not accept this name for new buckets; it is fine if your bucket is older.';
  if (value.length > 63) return `A bucket name has at most 63 characters. ${legacy}`;
  if (/[A-Z_]/.test(value)) return `Uppercase letters and underscores are old-style. ${legacy}`;
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) {
    return `A bucket name starts and ends with a letter or digit. ${legacy}`;
  }
  if (value.includes('..')) return `A bucket name has no two dots in a row. ${legacy}`;
  if (IP_ADDRESS.test(value)) return `A bucket name is not an IP address. ${legacy}`;
  const prefix = RESERVED_PREFIXES.find((reserved) => value.startsWith(reserved));
  if (prefix !== undefined) return `Names starting ${prefix} are reserved. ${legacy}`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => value.endsWith(reserved));
  if (suffix !== undefined) return `Names ending ${suffix} are reserved by S3. ${legacy}`;
  return undefined;
}
