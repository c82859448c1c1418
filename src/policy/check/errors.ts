/**
 * Explain an error: the messages Personalize, KMS, S3, IAM and STS give for these setups, as data
 * (each with an AWS page that shows it), what a pasted message names, and its causes ranked for
 * this setup (error-causes.ts). A pasted message is untrusted text: it is cut to a bounded length,
 * cleaned of control characters, and read only through bounded regular expressions.
 */
import type { Answers, Operation } from '../answers';
import { type CauseRef, causeContext, rankCauses } from './error-causes';
import type { CheckReport, ErrorEntry, ExplainedError, MessageFacts } from './types';
import { withThousands } from '../prose';

/** Longer pastes are read up to here: AWS's messages are a few hundred characters. */
export const MESSAGE_MAX_LENGTH = 20_000;

export const ERROR_IDS = [
  'personalize-s3-insufficient-privileges',
  'personalize-cross-account-pass-role',
  'iam-pass-role-denied',
  'sts-assume-role-denied',
  'kms-decrypt-denied',
  'kms-generate-data-key-denied',
  'kms-create-grant-denied',
  'kms-describe-key-denied',
  'kms-list-grants-denied',
  'kms-ciphertext-key-unavailable',
  'kms-key-not-found',
  'kms-key-disabled',
  'kms-key-pending-deletion',
  'kms-invalid-principals',
  'kms-policy-lockout',
  'policy-invalid-principal',
  's3-read-denied',
  's3-write-denied',
  's3-access-denied',
] as const;
export type ErrorId = (typeof ERROR_IDS)[number];

interface CatalogueEntry extends ErrorEntry {
  id: ErrorId;
}

const SOURCES = {
  personalizeErrors: {
    title: 'Amazon Personalize Developer Guide: Common error messages',
    url: 'https://docs.aws.amazon.com/personalize/latest/dg/error-messages.html',
  },
  passRole: {
    title:
      'AWS re:Post Knowledge Center: How do I resolve “not authorized to perform: iam:PassRole”?',
    url: 'https://repost.aws/knowledge-center/iam-passrole-error',
  },
  assumeRole: {
    title:
      'AWS re:Post Knowledge Center: How do I resolve the “AccessDenied” error when I try to assume an IAM role?',
    url: 'https://repost.aws/knowledge-center/iam-assume-role-error',
  },
  kmsDenied: {
    title: 'AWS IAM Identity Center User Guide: Troubleshoot customer managed keys',
    url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/cmk-related-errors.html',
  },
  kmsMultipart: {
    title:
      'AWS re:Post Knowledge Center: Access Denied uploading to S3 with a KMS key (kms:GenerateDataKey and kms:Decrypt)',
    url: 'https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key',
  },
  ciphertext: {
    title:
      'AWS re:Post Knowledge Center: “The ciphertext refers to a customer master key that does not exist…”',
    url: 'https://repost.aws/knowledge-center/s3-download-object-ciphertext-error',
  },
  keyState: {
    title: 'AWS KMS Developer Guide: Key states of AWS KMS keys',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
  },
  describeKey: {
    title: 'AWS KMS API Reference: DescribeKey (NotFoundException)',
    url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html',
  },
  invalidPrincipals: {
    title:
      'AWS re:Post Knowledge Center: “Policy contains a statement with one or more invalid principals”',
    url: 'https://repost.aws/knowledge-center/kms-policy-error-invalid-principals',
  },
  putKeyPolicy: {
    title:
      'AWS KMS API Reference: PutKeyPolicy (the policy must let the caller put a key policy again)',
    url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html',
  },
  invalidPrincipal: {
    title: 'AWS re:Post Knowledge Center: “Invalid principal in policy” in a bucket policy',
    url: 'https://repost.aws/knowledge-center/s3-invalid-principal-in-policy-error',
  },
  s3Denied: {
    title: 'Amazon S3 User Guide: Troubleshoot access denied (403 Forbidden) errors',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html',
  },
} as const;

/**
 * `denied(action)` matches IAM's "is not authorized to perform: ACTION" (with or without the
 * colon some SDKs drop), on the folded text.
 */
function denied(actions: string): RegExp {
  return new RegExp(`not authorized to perform:? (?:${actions})\\b`);
}

/**
 * The catalogue. Patterns read the folded message (lower case, whitespace runs as one space,
 * control characters gone), so a pattern is written in lower case with single spaces.
 */
export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'personalize-s3-insufficient-privileges',
    service: 'Personalize',
    pattern: /insufficient privileges for accessing data in (?:amazon )?s3/,
    meaning:
      'Personalize could not read or write the S3 data of a job: the bucket policy, the service role, the KMS key or the bucket’s own settings stop it.',
    source: SOURCES.personalizeErrors,
  },
  {
    id: 'personalize-cross-account-pass-role',
    service: 'Personalize',
    pattern: /cross-account pass role is not allowed/,
    meaning:
      'The role passed to Personalize belongs to another account than the caller; a role can only be passed within its own account.',
    source: SOURCES.passRole,
  },
  {
    id: 'iam-pass-role-denied',
    service: 'IAM',
    pattern: denied('iam:passrole'),
    meaning:
      'Whoever created the Personalize resource may not pass the service role to Personalize.',
    source: SOURCES.passRole,
  },
  {
    id: 'sts-assume-role-denied',
    service: 'STS',
    pattern:
      /not authorized to perform:? sts:assumerole\b|\(accessdenied\) when calling the assumerole operation|\b(?:cannot|could not|unable to) assume (?:the |your )?(?:provided |specified |given )?(?:iam |service )?role\b|\brole (?:\S{1,300} )?(?:cannot|could not) be assumed\b/,
    meaning: 'The role could not be assumed: its trust policy does not admit the caller.',
    source: SOURCES.assumeRole,
  },
  {
    id: 'kms-decrypt-denied',
    service: 'KMS',
    pattern: denied('kms:decrypt'),
    meaning: 'KMS refused to decrypt with the key for the caller the message names.',
    source: SOURCES.kmsDenied,
  },
  {
    id: 'kms-generate-data-key-denied',
    service: 'KMS',
    pattern: denied('kms:generatedatakey(?:withoutplaintext)?'),
    meaning:
      'KMS refused a data key for writing encrypted data (S3 output, an encrypted dataset group).',
    source: SOURCES.kmsMultipart,
  },
  {
    id: 'kms-create-grant-denied',
    service: 'KMS',
    pattern: denied('kms:creategrant'),
    meaning:
      'KMS refused to let the caller create a grant on the key, which the current guide asks the key policy to allow.',
    source: SOURCES.kmsDenied,
  },
  {
    id: 'kms-describe-key-denied',
    service: 'KMS',
    pattern: denied('kms:describekey'),
    meaning: 'KMS refused to describe the key to the caller.',
    source: SOURCES.kmsDenied,
  },
  {
    id: 'kms-list-grants-denied',
    service: 'KMS',
    pattern: denied('kms:listgrants'),
    meaning: 'KMS refused to list the key’s grants to the caller.',
    source: SOURCES.kmsDenied,
  },
  {
    id: 'kms-ciphertext-key-unavailable',
    service: 'KMS',
    pattern: /the ciphertext refers to a (?:customer master key|kms key|cmk) that does not exist/,
    meaning:
      'The data was encrypted with a key that does not exist, is in another region, or that the caller may not use.',
    source: SOURCES.ciphertext,
  },
  {
    id: 'kms-key-not-found',
    service: 'KMS',
    pattern:
      /\bkey '?arn:[a-z-]{1,20}:kms:\S{1,300} does not exist\b|\(notfoundexception\) when calling the \w{1,100} operation: invalid keyid\b/,
    meaning:
      'KMS has no such key in the region asked: a key in another region or account, or a wrong ARN.',
    source: SOURCES.describeKey,
  },
  {
    id: 'kms-key-disabled',
    service: 'KMS',
    pattern:
      /\bdisabledexception\b(?!.{0,400}pending deletion)|:key\/[0-9a-z-]{1,100} is disabled\b|\bkey state is disabled\b/,
    meaning: 'The key is disabled: no one can encrypt or decrypt with it until it is enabled.',
    source: SOURCES.keyState,
  },
  {
    id: 'kms-key-pending-deletion',
    service: 'KMS',
    pattern:
      /:key\/[0-9a-z-]{1,100} is pending deletion\b|\bkey state is pendingdeletion\b|\bpending_deletion\b/,
    meaning:
      'The key is scheduled for deletion and cannot be used until its deletion is cancelled.',
    source: SOURCES.keyState,
  },
  {
    id: 'kms-invalid-principals',
    service: 'KMS',
    pattern: /policy contains a statement with one or more invalid principals/,
    meaning:
      'KMS refused the key policy: a principal it names does not exist (a role not created yet, or deleted and recreated), or is misspelled.',
    source: SOURCES.invalidPrincipals,
  },
  {
    id: 'kms-policy-lockout',
    service: 'KMS',
    pattern: /the new key policy will not allow you to update the key policy in the future/,
    meaning:
      'KMS refused the key policy because whoever puts it could not change it again: the policy leaves out the account’s root statement and the caller.',
    source: SOURCES.putKeyPolicy,
  },
  {
    id: 'policy-invalid-principal',
    service: 'S3',
    pattern: /\binvalid principal in policy\b/,
    meaning:
      'S3 (or IAM, for a trust policy) refused the policy: a principal it names does not exist or is written wrong.',
    source: SOURCES.invalidPrincipal,
  },
  {
    id: 's3-read-denied',
    service: 'S3',
    pattern:
      /not authorized to perform:? s3:(?:getobject|listbucket)\b|\(accessdenied\) when calling the (?:getobject|headobject|listobjects(?:v2)?) operation/,
    meaning: 'S3 refused to let the caller read or list the bucket’s objects.',
    source: SOURCES.s3Denied,
  },
  {
    id: 's3-write-denied',
    service: 'S3',
    pattern:
      /not authorized to perform:? s3:putobject\b|\(accessdenied\) when calling the (?:putobject|createmultipartupload|uploadpart|completemultipartupload) operation/,
    meaning: 'S3 refused to let the caller write to the bucket (export or batch job output).',
    source: SOURCES.s3Denied,
  },
  {
    id: 's3-access-denied',
    service: 'S3',
    pattern:
      /\baccess denied \(service: (?:amazon ?s3|s3)[;,] status code: 403\b|\(service: (?:amazon ?s3|s3); status code: 403; error code: accessdenied\b|<code>accessdenied<\/code>/,
    meaning: 'S3 refused the request, without saying which action or policy.',
    source: SOURCES.s3Denied,
  },
];

const S3_CAUSES: readonly CauseRef[] = [
  { cause: 'bucket-policy-lacks-service' },
  { cause: 'role-lacks-s3' },
  { cause: 'key-policy-lacks-grant', likelyWhen: ['bucket-encrypted'] },
  { cause: 'role-lacks-kms', likelyWhen: ['bucket-encrypted'] },
  { cause: 'key-in-other-region', likelyWhen: ['key-in-other-region'] },
  { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
  { cause: 'bucket-vpc-only' },
  { cause: 'bucket-uses-other-key', likelyWhen: ['named-key-not-answered'] },
];

const KMS_DENIED_CAUSES: readonly CauseRef[] = [
  {
    cause: 'key-policy-lacks-grant',
    likelyWhen: ['denied-by-resource-policy', 'dataset-group-key'],
  },
  { cause: 'role-lacks-kms', likelyWhen: ['denied-by-identity-policy'] },
  { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
  { cause: 'bucket-uses-other-key', likelyWhen: ['named-key-not-answered'] },
];

/** Which causes each message can have, most common first. */
const ENTRY_CAUSES: Readonly<Record<ErrorId, readonly CauseRef[]>> = {
  'personalize-s3-insufficient-privileges': [...S3_CAUSES, { cause: 'trust-conditions-mismatch' }],
  'personalize-cross-account-pass-role': [
    { cause: 'role-in-other-account', likelyWhen: ['named-role-differs'] },
    { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
  ],
  'iam-pass-role-denied': [{ cause: 'caller-lacks-passrole', likelyWhen: ['message-says-so'] }],
  'sts-assume-role-denied': [
    { cause: 'trust-lacks-service' },
    { cause: 'trust-conditions-mismatch' },
  ],
  'kms-decrypt-denied': KMS_DENIED_CAUSES,
  'kms-generate-data-key-denied': KMS_DENIED_CAUSES,
  'kms-create-grant-denied': [
    { cause: 'key-policy-lacks-grant', likelyWhen: ['message-says-so'] },
    { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
  ],
  'kms-describe-key-denied': KMS_DENIED_CAUSES,
  'kms-list-grants-denied': KMS_DENIED_CAUSES,
  'kms-ciphertext-key-unavailable': [
    { cause: 'key-in-other-region', likelyWhen: ['key-in-other-region'] },
    { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
    {
      cause: 'key-policy-lacks-grant',
      likelyWhen: ['bucket-encrypted', 'dataset-group-encrypted'],
    },
    { cause: 'role-lacks-kms' },
    { cause: 'bucket-uses-other-key', likelyWhen: ['named-key-not-answered'] },
  ],
  'kms-key-not-found': [
    { cause: 'key-in-other-region', likelyWhen: ['key-in-other-region'] },
    { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
    { cause: 'bucket-uses-other-key', likelyWhen: ['named-key-not-answered'] },
  ],
  'kms-key-disabled': [{ cause: 'key-disabled', likelyWhen: ['message-says-so'] }],
  'kms-key-pending-deletion': [{ cause: 'key-pending-deletion', likelyWhen: ['message-says-so'] }],
  'kms-invalid-principals': [
    { cause: 'principal-does-not-exist', likelyWhen: ['named-role-differs'] },
  ],
  'kms-policy-lockout': [{ cause: 'key-policy-drops-root', likelyWhen: ['message-says-so'] }],
  'policy-invalid-principal': [
    { cause: 'principal-does-not-exist', likelyWhen: ['named-role-differs'] },
  ],
  's3-read-denied': S3_CAUSES,
  's3-write-denied': S3_CAUSES,
  's3-access-denied': S3_CAUSES,
};

/** The usual causes for a setup, when no entry matched: what fails most, for what is encrypted. */
function generalCauses(answers: Answers): CauseRef[] {
  const encrypted = answers.bucketEncrypted || answers.datasetGroupEncrypted;
  return [
    { cause: 'trust-lacks-service' },
    ...(answers.operations.length > 0
      ? [{ cause: 'bucket-policy-lacks-service' } as const, { cause: 'role-lacks-s3' } as const]
      : []),
    ...(encrypted
      ? ([
          { cause: 'key-policy-lacks-grant' },
          { cause: 'role-lacks-kms' },
          { cause: 'key-in-other-region', likelyWhen: ['key-in-other-region'] },
          { cause: 'key-in-other-account', likelyWhen: ['key-in-other-account'] },
          { cause: 'key-disabled' },
        ] as const)
      : []),
    ...(answers.operations.length > 0 ? [{ cause: 'bucket-vpc-only' } as const] : []),
    { cause: 'trust-conditions-mismatch' },
  ];
}

/**
 * Characters a message never needs and a paste may carry: C0 and C1 controls (tab, line feed
 * and carriage return become spaces when folded), zero-width and bidirectional marks, BOM.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The colour codes a terminal's copy keeps (ESC [ 31 m …), dropped whole, not just their ESC. */
// eslint-disable-next-line no-control-regex -- the escape character is what these start with
const TERMINAL_COLOURS = /\u001b\[[0-9;]{0,20}[A-Za-z]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

/** The message as read: cut, controls dropped, the HTML entities a console copy keeps decoded. */
function cleanMessage(message: string): string {
  return message
    .slice(0, MESSAGE_MAX_LENGTH)
    .replace(TERMINAL_COLOURS, '')
    .replace(INVISIBLE, '')
    .replace(/&(?:quot|#39|apos|lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Lower case, every whitespace run one space: what the catalogue's patterns read. */
function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

const PERSONALIZE_OPERATIONS: readonly [RegExp, Operation | 'dataset-group'][] = [
  [/\b(?:dataset |data )?import job\b|\bcreatedatasetimportjob\b/, 'import'],
  [/\bdataset export job\b|\bcreatedatasetexportjob\b/, 'export'],
  [/\bbatch inference job\b|\bcreatebatchinferencejob\b/, 'batch-inference'],
  [/\bbatch segment job\b|\bcreatebatchsegmentjob\b/, 'batch-segment'],
  [/\bmetric attribution\b|\bcreatemetricattribution\b/, 'metric-reports'],
  [/\bdataset group\b|\bcreatedatasetgroup\b/, 'dataset-group'],
];

const ROLE_ARN = /arn:aws(?:-cn)?:iam::\d{12}:role\/[\w+=,.@/-]{1,576}/;
const KEY_ARN =
  /arn:aws(?:-cn)?:kms:[a-z]{2}(?:-[a-z]{1,10}){1,2}-\d:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;

function firstGroup(pattern: RegExp, text: string): string | undefined {
  return pattern.exec(text)?.[1];
}

/** What the (cleaned, unfolded) message names: actions, ARNs, the operation. */
function readFacts(text: string): MessageFacts {
  const folded = fold(text);
  const facts: MessageFacts = {};
  const action = firstGroup(
    /not authorized to perform:?\s*([a-z0-9-]{1,40}:[A-Za-z0-9*]{1,100})/i,
    text,
  );
  if (action !== undefined) facts.action = action;
  const apiOperation = firstGroup(/when calling the ([A-Za-z0-9]{1,100}) operation/, text);
  if (apiOperation !== undefined) facts.apiOperation = apiOperation;
  const keyArn = KEY_ARN.exec(text)?.[0];
  if (keyArn !== undefined) facts.keyArn = keyArn;
  const principal = firstGroup(
    /\b(?:User|Principal):\s*(arn:aws(?:-cn)?:(?:iam|sts)::\d{12}:[\w+=,.@/:-]{1,600}?)[,.;]?\s+is not authorized/i,
    text,
  );
  if (principal !== undefined) facts.principal = principal;
  const role = [...text.matchAll(new RegExp(ROLE_ARN, 'g'))]
    .map((match) => match[0].replace(/[.,;]+$/, ''))
    .find((arn) => arn !== principal);
  if (role !== undefined) facts.role = role;
  const bucket = firstGroup(
    /(?:arn:aws(?:-cn)?:s3:::|s3:\/\/)([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/,
    text,
  );
  if (bucket !== undefined) facts.bucket = bucket;
  const operation = PERSONALIZE_OPERATIONS.find(([pattern]) => pattern.test(folded))?.[1];
  if (operation !== undefined) facts.operation = operation;
  if (folded.includes('with an explicit deny')) facts.deniedBy = 'explicit-deny';
  else if (folded.includes('because no resource-based policy allows')) {
    facts.deniedBy = 'resource-policy';
  } else if (folded.includes('because no identity-based policy allows')) {
    facts.deniedBy = 'identity-policy';
  }
  return facts;
}

/**
 * Explains a pasted error message for this setup: the catalogue entries it matches, what it names,
 * and its causes ranked (confirmed by a failing finding, likely from the answers, else possible),
 * each with a read-only AWS CLI command that confirms it and the fix. A message that matches no
 * entry gets the usual causes of the answers' setup. Never throws.
 */
export function explainError(
  message: string,
  answers: Answers,
  report: CheckReport,
): ExplainedError {
  // The type says string; a caller in plain JavaScript may still pass anything.
  const raw: unknown = message;
  const pasted = typeof raw === 'string' ? raw : '';
  const text = cleanMessage(pasted);
  const folded = fold(text);
  const matched =
    folded === '' ? [] : ERROR_CATALOGUE.filter((entry) => entry.pattern.test(folded));
  const named = readFacts(text);
  const context = causeContext(answers, named);
  const refs =
    matched.length > 0
      ? matched.flatMap((entry) =>
          ENTRY_CAUSES[entry.id].map((ref) => ({ ...ref, saying: entry.meaning })),
        )
      : generalCauses(answers);
  const notes = [
    folded === ''
      ? 'No error message was pasted: these are the usual causes for your setup.'
      : matched.length === 0
        ? 'The message is none of those the check knows: these are the usual causes for your setup.'
        : undefined,
    pasted.length > MESSAGE_MAX_LENGTH
      ? `Only the first ${withThousands(MESSAGE_MAX_LENGTH)} characters of the message were read.`
      : undefined,
  ].filter((note) => note !== undefined);
  return {
    matched,
    causes: rankCauses(refs, context, report),
    named,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
