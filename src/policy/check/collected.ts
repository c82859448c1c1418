/**
 * The collected file (personalize-setup.json, format "personalize-setup", version 1): what the
 * collect script (collect-script.ts) gathers from AWS, read back into the Check step's fields and
 * setup facts. The file is untrusted input: it is size-limited, read through a schema, and never
 * makes the reader throw. docs/check-file.md documents the format.
 */
import * as z from 'zod/mini';

import type { AnswerField, Answers } from '../answers';
import { buildPolicies } from '../build';
import { keyArnAnswer } from '../export-facts';
import { CHECK_LABELS, keyPolicyFields } from './fields';
import type { CheckTexts, KeyFacts, KeyPolicyField, SetupFacts } from './types';
import { limitsToVpc } from './vpc';
import {
  isObject,
  type JsonObject,
  parseJson as parseStrictJson,
  toJsonKeepingNumbers,
} from '../strict-json';
import { parseKeyArn } from '../validate';

export const COLLECTED_FILE_NAME = 'personalize-setup.json';
export const COLLECTED_FORMAT = 'personalize-setup';
/**
 * The version this code writes and reads. It changes only when a reader of version 1 would
 * misread a new file; fields added beside the existing ones keep it.
 */
export const COLLECTED_VERSION = 1;

/**
 * The most a collected file may hold, in characters: two key policies (32 KB each), the role's
 * inline policies (10,240 characters together), twenty managed policies (6,144 characters each),
 * the trust and bucket policies, each escaped once as a JSON string, fit many times over.
 */
export const COLLECTED_MAX_CHARS = 2_000_000;

/** A key whose policy the answers call for: the field it fills, and its ARN ('' while not given). */
export interface KeyToCollect {
  field: KeyPolicyField;
  arn: string;
  /** The answer that gives its ARN. */
  answer: AnswerField;
}

/** The keys the answers encrypt with, one per key policy field, in the fields' order. */
export function keysToCollect(answers: Answers): KeyToCollect[] {
  const fields: readonly string[] = keyPolicyFields(answers);
  return buildPolicies(answers).documents.flatMap((document) => {
    if (!document.needed || document.key === undefined || !fields.includes(document.id)) return [];
    const field = document.id as KeyPolicyField;
    const answer = keyArnAnswer(field);
    return answer === undefined ? [] : [{ field, arn: document.key.arn, answer }];
  });
}

// ---------------------------------------------------------------------------
// The format, as the schema reads it
//
// Only the schema kinds the first page already loads (objects, strings, arrays, length limits,
// refinements) are used here: zod's code is shared by module, so any other kind would be loaded
// on the first visit, not with the Check step. Optional fields and the two kinds of call record
// are read by the small predicates below instead.

const name = z.string().check(z.maxLength(2048));

const isString = (value: unknown): value is string => typeof value === 'string';
const isText = (value: unknown): value is string =>
  isString(value) && value.length <= COLLECTED_MAX_CHARS;

/** Whether an optional field is absent or as `is` says. */
function absentOr(value: unknown, is: (value: unknown) => boolean): boolean {
  return value === undefined || is(value);
}

/**
 * One AWS CLI call as the file records it: exit status 0 and what it printed (`output`), or an
 * exit status from 1 to 255 and its error text (`error`). The schema lets only those two through.
 */
type Call = Readonly<Record<string, unknown>>;

function isCall(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { exitStatus } = value;
  if (exitStatus === 0) return isText(value.output);
  return (
    typeof exitStatus === 'number' &&
    Number.isInteger(exitStatus) &&
    exitStatus >= 1 &&
    exitStatus <= 255 &&
    isText(value.error)
  );
}

const callSchema = z.looseObject({}).check(z.refine(isCall));

/** What a call printed, or undefined when it failed. */
function printed(call: Call): string | undefined {
  return call.exitStatus === 0 && isString(call.output) ? call.output : undefined;
}

/** A failed call's error text, or undefined when it succeeded. */
function errorText(call: Call): string | undefined {
  return call.exitStatus !== 0 && isString(call.error) ? call.error : undefined;
}

// The file's own fields beside these (and each record's) are ignored: fields added beside
// version 1's keep it version 1. Its format and version are read before the schema.
const fileSchema = z
  .looseObject({
    keys: z
      .array(z.object({ arn: name, describeKey: callSchema, keyPolicy: callSchema }))
      .check(z.maxLength(10)),
    role: z.object({
      name,
      getRole: callSchema,
      listRolePolicies: callSchema,
      inlinePolicies: z
        .array(z.object({ name, getRolePolicy: callSchema }))
        .check(z.maxLength(1000)),
      listAttachedRolePolicies: callSchema,
      attachedPolicies: z
        .array(
          z.looseObject({ arn: name, getPolicy: callSchema }).check(
            // Absent when the policy's default version was not asked for.
            z.refine((policy) => absentOr(policy.getPolicyVersion, isCall), {
              path: ['getPolicyVersion'],
            }),
          ),
        )
        .check(z.maxLength(1000)),
    }),
    bucket: z.object({ name, getBucketPolicy: callSchema, getBucketEncryption: callSchema }),
  })
  .check(
    z.refine((file) => absentOr(file.collectedAt, (at) => isString(at) && at.length <= 2048), {
      path: ['collectedAt'],
    }),
  );
type CollectedFile = z.infer<typeof fileSchema>;

// What the CLI prints for each call, as far as the check needs it.

/** A policy document as the CLI prints it: decoded JSON, or (from older CLIs) its text. */
const isPolicyValue = (value: unknown): boolean => isObject(value) || isString(value);

const describeKeyOutput = z.object({
  KeyMetadata: z
    .looseObject({ Arn: z.string() })
    .check(z.refine((metadata) => absentOr(metadata.KeyState, isString))),
});
const getRoleOutput = z.object({
  Role: z
    .looseObject({ Arn: z.string() })
    .check(z.refine((role) => isPolicyValue(role.AssumeRolePolicyDocument))),
});
const getRolePolicyOutput = z
  .looseObject({})
  .check(z.refine((output) => isPolicyValue(output.PolicyDocument)));
const getPolicyVersionOutput = z.object({
  PolicyVersion: z
    .looseObject({})
    .check(
      z.refine(
        (version) => isPolicyValue(version.Document) && absentOr(version.VersionId, isString),
      ),
    ),
});

/** A default-encryption rule: its algorithm and key when it sets them, and its Bucket Key. */
function isEncryptionRule(rule: JsonObject): boolean {
  const byDefault = rule.ApplyServerSideEncryptionByDefault;
  return (
    absentOr(
      byDefault,
      (value) =>
        isObject(value) && isString(value.SSEAlgorithm) && absentOr(value.KMSMasterKeyID, isString),
    ) && absentOr(rule.BucketKeyEnabled, (value) => typeof value === 'boolean')
  );
}

const getBucketEncryptionOutput = z.object({
  ServerSideEncryptionConfiguration: z.looseObject({
    Rules: z.array(z.looseObject({}).check(z.refine(isEncryptionRule))),
  }),
});

export type CollectedRead =
  | { ok: true; texts: Partial<CheckTexts>; facts: SetupFacts; notes: string[] }
  | { ok: false; message: string };

// ---------------------------------------------------------------------------
// Reading

/**
 * JSON text read by the same strict parser a paste goes through: a duplicate key or a number
 * JavaScript would rewrite is not quietly "fixed" on the way from the file to a field.
 */
function readJson(value: string): unknown {
  const parsed = parseStrictJson(value);
  return parsed.ok ? parsed.value : undefined;
}

/** A policy as the CLI printed it, as an object: decoded already, JSON text, or URL-encoded. */
function policyObject(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = readJson(value);
  if (parsed !== undefined) return parsed;
  try {
    return readJson(decodeURIComponent(value));
  } catch {
    return undefined;
  }
}

/** A policy as the Check's fields show it: indented JSON, or the text as it came. */
function policyText(value: unknown): string {
  const policy = policyObject(value);
  if (policy !== undefined) return toJsonKeepingNumbers(policy);
  return typeof value === 'string' ? value : '';
}

/** A CLI output read as JSON through `schema`; undefined when it does not fit. */
function outputAs<T>(call: Call, schema: z.ZodMiniType<T>): T | undefined {
  const output = printed(call);
  if (output === undefined) return undefined;
  const parsed = schema.safeParse(readJson(output));
  return parsed.success ? parsed.data : undefined;
}

/** The first line of a call's error text, short enough for a note. */
function errorLine(call: Call, error: string): string {
  const line = error
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '');
  const short = line === undefined ? 'no error text' : line.slice(0, 300);
  return `exit status ${String(call.exitStatus)}: ${short}`;
}

/** Why a part is missing: the call failed (with its error), or it printed what cannot be read. */
function failure(what: string, call: Call): string {
  const error = errorText(call);
  return error !== undefined
    ? `${what} could not be read (${errorLine(call, error)}).`
    : `${what} came back in a form the Check cannot read, so it was left out.`;
}

/** The S3 error a bucket without a policy answers. */
function isNoBucketPolicy(call: Call): boolean {
  return errorText(call)?.includes('NoSuchBucketPolicy') === true;
}

const NO_STATEMENTS = JSON.stringify({ Version: '2012-10-17', Statement: [] }, null, 2);

interface Reading {
  texts: Partial<Record<keyof CheckTexts, string>>;
  facts: SetupFacts;
  notes: string[];
}

function readKeys(file: CollectedFile, answers: Answers, out: Reading): void {
  const wanted = keysToCollect(answers);
  const sameArn = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const unused = file.keys.filter((key) => !wanted.some((w) => sameArn(w.arn, key.arn)));
  for (const want of wanted) {
    const label = CHECK_LABELS[want.field];
    let key = file.keys.find((k) => want.arn !== '' && sameArn(k.arn, want.arn));
    if (key === undefined) {
      // A file collected for another key still fills the field, and says so.
      key = unused.shift();
      if (key === undefined) {
        out.notes.push(
          `The file has no policy for ${want.arn === '' ? 'the key' : `the key ${want.arn}`} (${label}), so that field was not filled.`,
        );
        continue;
      }
      out.notes.push(
        want.arn === ''
          ? `${label}: the answers name no key yet; the file’s key ${key.arn} was loaded.`
          : `${label}: the file was collected for the key ${key.arn}, not ${want.arn} as the answers say; its policy was loaded all the same.`,
      );
    }
    const output = printed(key.keyPolicy);
    if (output !== undefined && output.trim() !== '') {
      out.texts[want.field] = policyText(output);
    } else {
      out.notes.push(failure(`The policy of the key ${key.arn} (${label})`, key.keyPolicy));
    }
  }
  for (const key of unused) {
    out.notes.push(`The file also has the key ${key.arn}, which the answers do not use: left out.`);
  }
  const facts: KeyFacts[] = [];
  for (const key of file.keys) {
    const described = outputAs(key.describeKey, describeKeyOutput);
    if (described === undefined) {
      out.notes.push(failure(`The region and state of the key ${key.arn}`, key.describeKey));
      continue;
    }
    const { Arn, KeyState } = described.KeyMetadata;
    const region = parseKeyArn(Arn)?.region;
    facts.push({
      arn: Arn,
      ...(region === undefined ? {} : { region }),
      ...(isString(KeyState) ? { state: KeyState } : {}),
    });
  }
  if (facts.length > 0) out.facts.keys = facts;
}

/** The parts of a role's ARN: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME. */
function parseRoleArn(arn: string): { account: string; path: string; name: string } | undefined {
  const match = /^arn:[^:]+:iam::(\d{12}):role(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (match === null) return undefined;
  return { account: match[1] ?? '', path: match[2] ?? '/', name: match[3] ?? '' };
}

function readRole(file: CollectedFile, answers: Answers, out: Reading): void {
  const { role } = file;
  const got = outputAs(role.getRole, getRoleOutput);
  const arn = got === undefined ? undefined : parseRoleArn(got.Role.Arn);
  const roleName = arn?.name ?? role.name;
  if (answers.roleName !== '' && roleName !== answers.roleName) {
    out.notes.push(
      `The file was collected for the role ${roleName}, not ${answers.roleName} as the answers say; it was loaded all the same.`,
    );
  }
  if (arn !== undefined && answers.accountId !== '' && arn.account !== answers.accountId) {
    out.notes.push(
      `The file was collected in the account ${arn.account}, not ${answers.accountId} as the answers say; it was loaded all the same.`,
    );
  }
  if (arn !== undefined && arn.path !== answers.rolePath) {
    out.notes.push(
      `The role’s path is ${arn.path}, not ${answers.rolePath} as the answers say: the documents name the role by its ARN, path included.`,
    );
  }
  if (got === undefined) {
    out.notes.push(failure(`The role ${role.name} (its trust policy)`, role.getRole));
  } else {
    out.texts.trustPolicy = policyText(got.Role.AssumeRolePolicyDocument);
  }

  const documents: unknown[] = [];
  const names: string[] = [];
  let complete = true;
  if (printed(role.listRolePolicies) === undefined) {
    complete = false;
    out.notes.push(failure('The list of the role’s inline policies', role.listRolePolicies));
  }
  for (const inline of role.inlinePolicies) {
    const got = outputAs(inline.getRolePolicy, getRolePolicyOutput);
    const document = got === undefined ? undefined : policyObject(got.PolicyDocument);
    if (document === undefined) {
      complete = false;
      out.notes.push(failure(`The role’s inline policy ${inline.name}`, inline.getRolePolicy));
      continue;
    }
    documents.push(document);
    names.push(`${inline.name} (inline)`);
  }
  if (printed(role.listAttachedRolePolicies) === undefined) {
    complete = false;
    out.notes.push(
      failure('The list of the role’s attached managed policies', role.listAttachedRolePolicies),
    );
  }
  for (const attached of role.attachedPolicies) {
    const version = isObject(attached.getPolicyVersion) ? attached.getPolicyVersion : undefined;
    const got = version === undefined ? undefined : outputAs(version, getPolicyVersionOutput);
    const document = got === undefined ? undefined : policyObject(got.PolicyVersion.Document);
    if (document === undefined) {
      complete = false;
      const call = version ?? attached.getPolicy;
      out.notes.push(failure(`The managed policy ${attached.arn} (its default version)`, call));
      continue;
    }
    documents.push(document);
    const versionId = got?.PolicyVersion.VersionId;
    names.push(
      `${attached.arn} (attached${isString(versionId) ? `, default version ${versionId}` : ''})`,
    );
  }
  if (documents.length > 0) {
    out.texts.rolePolicies = JSON.stringify(documents, null, 2);
    out.notes.push(
      `${CHECK_LABELS.rolePolicies}, in order: ${names.map((n, i) => `${String(i + 1)}. ${n}`).join('; ')}.`,
    );
  } else if (complete) {
    // Evidence too: the role grants nothing, which is not the same as a field left empty.
    out.texts.rolePolicies = '[]';
    out.notes.push('The role has no inline or attached managed policies.');
  }
  if (!complete && documents.length > 0) {
    out.notes.push(
      `${CHECK_LABELS.rolePolicies} holds only the policies that could be read: what the others grant is not checked.`,
    );
  }
}

function readBucket(file: CollectedFile, answers: Answers, out: Reading): void {
  const { bucket } = file;
  if (answers.bucketName !== '' && bucket.name !== answers.bucketName) {
    out.notes.push(
      `The file was collected for the bucket ${bucket.name}, not ${answers.bucketName} as the answers say; it was loaded all the same.`,
    );
  }
  const facts: NonNullable<SetupFacts['bucket']> = {};
  const policyCall = bucket.getBucketPolicy;
  const policyOutput = printed(policyCall);
  if (policyOutput !== undefined && policyOutput.trim() !== '') {
    out.texts.bucketPolicy = policyText(policyOutput);
    facts.vpcOnly = limitsToVpc(policyObject(policyOutput));
  } else if (isNoBucketPolicy(policyCall)) {
    // No policy grants nothing: an empty one says so to the check, where an empty field would
    // leave the bucket policy unchecked.
    out.texts.bucketPolicy = NO_STATEMENTS;
    facts.vpcOnly = false;
    out.notes.push(
      `The bucket ${bucket.name} has no bucket policy (S3 answered NoSuchBucketPolicy): the ${CHECK_LABELS.bucketPolicy} field holds a policy without statements.`,
    );
  } else {
    out.notes.push(failure(`The policy of the bucket ${bucket.name}`, policyCall));
  }
  const encryption = outputAs(bucket.getBucketEncryption, getBucketEncryptionOutput);
  const rule = encryption?.ServerSideEncryptionConfiguration.Rules[0];
  if (rule === undefined) {
    out.notes.push(
      failure(`The default encryption of the bucket ${bucket.name}`, bucket.getBucketEncryption),
    );
  } else {
    const byDefault = rule.ApplyServerSideEncryptionByDefault;
    if (isObject(byDefault) && isString(byDefault.SSEAlgorithm)) {
      facts.encryption = byDefault.SSEAlgorithm;
      if (isString(byDefault.KMSMasterKeyID)) facts.encryptionKey = byDefault.KMSMasterKeyID;
    }
    if (typeof rule.BucketKeyEnabled === 'boolean') facts.bucketKeyEnabled = rule.BucketKeyEnabled;
  }
  if (Object.keys(facts).length > 0) out.facts.bucket = facts;
}

/** Why the file is not one this page reads, or undefined when it claims to be version 1. */
function envelopeProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.format !== COLLECTED_FORMAT) {
    return `This is not a file the collect script writes: its "format" is not "${COLLECTED_FORMAT}". Load ${COLLECTED_FILE_NAME} as the script wrote it.`;
  }
  const { version } = value;
  if (typeof version === 'number' && Number.isInteger(version) && version > COLLECTED_VERSION) {
    return `This file is version ${String(version)} of the collected file, newer than this page reads (version ${String(COLLECTED_VERSION)}). Reload the page for the newest wizard, or download the collect script from this page and run it again.`;
  }
  if (version !== COLLECTED_VERSION) {
    return `This file’s "version" (${version === undefined ? 'none' : JSON.stringify(version).slice(0, 40)}) is not one this page reads (version ${String(COLLECTED_VERSION)}). Download the collect script from this page and run it again.`;
  }
  return undefined;
}

/**
 * Reads a collected file: its policies as the Check step's field texts (only the fields it
 * has), the setup facts it shows, and notes on what it lacks or where it differs from the
 * answers. A file that is not one (wrong format, newer version, not JSON, too large) gives a
 * message instead. Never throws.
 */
export function readCollected(text: string, answers: Answers): CollectedRead {
  try {
    if (text.length > COLLECTED_MAX_CHARS) {
      return {
        ok: false,
        message: `This file is too large for a collected file (${String(Math.round(text.length / 1000))} KB; the collect script writes at most ${String(COLLECTED_MAX_CHARS / 1_000_000)} MB).`,
      };
    }
    let value: unknown;
    try {
      // An editor may have saved it with a byte order mark, which JSON.parse refuses.
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      const reason = error instanceof Error ? ` (${error.message})` : '';
      return {
        ok: false,
        message: `This file is not JSON${reason}, so it is not the collected file. Load ${COLLECTED_FILE_NAME} as the collect script wrote it.`,
      };
    }
    const problem = envelopeProblem(value);
    if (problem !== undefined) return { ok: false, message: problem };
    const parsed = fileSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where =
        issue === undefined ? '' : ` at ${issue.path.map(String).join('.') || 'its top'}`;
      return {
        ok: false,
        message: `This file says it is a collected file, version 1, but it is not as the collect script writes it${where}. Run the collect script again and load its file unchanged.`,
      };
    }
    const out: Reading = { texts: {}, facts: {}, notes: [] };
    readKeys(parsed.data, answers, out);
    readRole(parsed.data, answers, out);
    readBucket(parsed.data, answers, out);
    return { ok: true, texts: out.texts, facts: out.facts, notes: out.notes };
  } catch {
    return { ok: false, message: 'This file could not be read as a collected file.' };
  }
}
