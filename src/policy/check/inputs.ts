/**
 * The Check step's pasted texts, read into policy documents for the evaluator. Each text is
 * untrusted: it is read with the strict JSON parser (duplicate keys refused, depth bounded), its
 * length is bounded, and nothing here throws. A text that cannot be read gives an InputProblem
 * naming the field, and the field then counts as not given.
 *
 * Accepted shapes, as people paste them:
 * - a policy document (`{"Version": …, "Statement": …}`);
 * - `aws kms get-key-policy` and `aws s3api get-bucket-policy` output: `{"Policy": "<JSON text>"}`;
 * - `aws iam get-role` output (`{"Role": {"AssumeRolePolicyDocument": …}}`), or the Role object,
 *   its document an object (the CLI) or URL-encoded JSON text (the raw API);
 * - for the role's policies, any number of documents: one, a JSON list, or several JSON values one
 *   after another (as the CLI prints several calls), each a policy document, `get-role-policy`
 *   output (`{RoleName, PolicyName, PolicyDocument}`) or `get-policy-version` output
 *   (`{PolicyVersion: {Document, VersionId, IsDefaultVersion}}`).
 * https://docs.aws.amazon.com/cli/latest/reference/iam/get-role-policy.html,
 * https://docs.aws.amazon.com/cli/latest/reference/iam/get-policy-version.html
 * (the API returns documents URL-encoded, RFC 3986: the CLI decodes them).
 */
import type { NamedPolicy } from '../evaluate';
import { visibleText } from '../evaluate';
import { isObject, lineAndColumn, parseJson } from '../strict-json';
import { CHECK_LABELS } from './fields';
import type { CheckField, CheckTexts, InputProblem, KeyPolicyField } from './types';
import { withThousands } from '../prose';

/**
 * The longest text a field takes, in characters. Far above what AWS stores (a key policy is at
 * most 32 KiB, a role's inline policies 10,240 characters together, ten managed policies 6,144
 * each, a bucket policy 20 KiB), and low enough that reading it stays quick.
 */
export const MAX_TEXT_LENGTH = 400_000;

/**
 * The most policies the role's field takes. IAM attaches at most 10 managed policies to a role
 * (20 on request); inline policies have no count of their own but share 10,240 characters, so
 * a few dozen is the most a real role prints.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
const MAX_ROLE_POLICIES = 60;

/** A field's reading: not given (empty), read, or not readable (with its problem). */
export type FieldReading<T> =
  { state: 'empty' } | { state: 'read'; value: T } | { state: 'unreadable' };

export interface ReadInputs {
  keyPolicies: Readonly<Record<KeyPolicyField, FieldReading<NamedPolicy>>>;
  /** Every policy of the service role, named by PolicyName or by position. */
  rolePolicies: FieldReading<NamedPolicy[]>;
  /**
   * The bucket policy; `null` when the pasted text says the bucket has none
   * (get-bucket-policy's NoSuchBucketPolicy error).
   */
  bucketPolicy: FieldReading<NamedPolicy | null>;
  trustPolicy: FieldReading<NamedPolicy>;
  /** The role's ARN, when the trust policy was pasted as `aws iam get-role` output. */
  trustRoleArn?: string;
  problems: InputProblem[];
}

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The first value of the text and where it ends, or the parser's fault in words. */
function parseValues(text: string): Read<unknown[]> {
  const values: unknown[] = [];
  let rest = text;
  let consumed = 0;
  while (rest.trim() !== '') {
    const parsed = parseJson(rest);
    if (parsed.ok) {
      values.push(parsed.value);
      break;
    }
    // Several values one after another: the parser stops after the first with a fault where
    // the next begins, and the text before it is one whole value.
    const { offset } = parsed.fault;
    const head = offset > 0 ? parseJson(rest.slice(0, offset)) : undefined;
    if (parsed.fault.kind !== 'syntax' || !head?.ok) {
      const { line, column } = lineAndColumn(text, consumed + offset);
      return fail(
        `is not valid JSON: ${parsed.fault.message} (line ${String(line)}, column ${String(column)})`,
      );
    }
    values.push(head.value);
    rest = rest.slice(offset);
    consumed += offset;
  }
  return { ok: true, value: values };
}

/** A document given as JSON text: the CLI's `Policy` string, or the API's URL-encoded text. */
function documentFromText(text: string, what: string): Read<unknown> {
  let decoded = text;
  if (/^\s*%7B/i.test(text)) {
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return fail(`has ${what} that is URL-encoded but cannot be decoded`);
    }
  }
  const parsed = parseJson(decoded);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : fail(`has ${what} that is not valid JSON: ${parsed.fault.message}`);
}

/** A document field: an object as is, or JSON text (possibly URL-encoded). */
function documentField(value: unknown, what: string): Read<unknown> {
  if (typeof value === 'string') return documentFromText(value, what);
  if (isObject(value)) return { ok: true, value };
  return fail(`has ${what} that is neither a JSON object nor JSON text`);
}

function isPolicyDocument(value: unknown): boolean {
  return isObject(value) && 'Statement' in value;
}

const listHint =
  'lists policy names only. The documents come from aws iam get-role-policy --role-name ROLE --policy-name NAME (inline policies) and aws iam get-policy-version --policy-arn ARN --version-id ID (attached policies; aws iam get-policy gives the DefaultVersionId).';

/** What the CLI output or document in `value` holds, for a field that takes one resource policy. */
function resourceDocument(value: unknown, field: CheckField): Read<unknown> {
  if (!isObject(value)) return fail('is not a JSON object: paste the policy document');
  if (isPolicyDocument(value)) return { ok: true, value };
  if ('Policy' in value) return documentField(value.Policy, 'a Policy');
  if (field === 'trustPolicy') {
    const role = isObject(value.Role) ? value.Role : value;
    if ('AssumeRolePolicyDocument' in role) {
      return documentField(role.AssumeRolePolicyDocument, 'an AssumeRolePolicyDocument');
    }
  }
  if ('PolicyNames' in value || 'AttachedPolicies' in value) {
    return fail(`${listHint} Paste them under ${CHECK_LABELS.rolePolicies}.`);
  }
  return fail('has no Statement: paste the policy document, or the AWS CLI output that holds it');
}

/** The documents a role-policy value holds, with their names, or why it holds none. */
function rolePolicyEntries(
  value: unknown,
  position: number,
): Read<{ name: string; document: unknown }> {
  const byPosition = `policy ${String(position)}`;
  if (!isObject(value)) return fail(`has a ${byPosition} that is not a JSON object`);
  if (isPolicyDocument(value)) return { ok: true, value: { name: byPosition, document: value } };
  if ('PolicyDocument' in value) {
    const name =
      typeof value.PolicyName === 'string' && value.PolicyName !== ''
        ? `policy "${visibleText(value.PolicyName)}"`
        : byPosition;
    const document = documentField(value.PolicyDocument, `in ${name} a PolicyDocument`);
    return document.ok ? { ok: true, value: { name, document: document.value } } : document;
  }
  if (isObject(value.PolicyVersion)) {
    const version = value.PolicyVersion;
    const id = typeof version.VersionId === 'string' ? visibleText(version.VersionId) : undefined;
    const name = id === undefined ? byPosition : `${byPosition} (version ${id})`;
    if (version.IsDefaultVersion === false) {
      return fail(
        `has ${name}, which is not its policy's default version: AWS applies only the default version (aws iam get-policy gives its DefaultVersionId)`,
      );
    }
    const document = documentField(version.Document, `in ${name} a Document`);
    return document.ok ? { ok: true, value: { name, document: document.value } } : document;
  }
  if ('PolicyNames' in value || 'AttachedPolicies' in value) return fail(listHint);
  if (isObject(value.Role) || 'AssumeRolePolicyDocument' in value) {
    return fail(
      `holds the role itself (aws iam get-role), whose trust policy goes under ${CHECK_LABELS.trustPolicy}; its permission policies come from aws iam get-role-policy and get-policy-version`,
    );
  }
  if ('Policy' in value) {
    const document = documentField(value.Policy, `in ${byPosition} a Policy`);
    return document.ok
      ? { ok: true, value: { name: byPosition, document: document.value } }
      : document;
  }
  return fail(
    `has a ${byPosition} without a Statement: paste policy documents or the AWS CLI output that holds them`,
  );
}

function labelled(field: CheckField, message: string): InputProblem {
  return { field, message: `The ${CHECK_LABELS[field]} ${message}.` };
}

/** The field's values, or a problem: empty, too long or not JSON. */
function readText(texts: CheckTexts, field: CheckField): Read<unknown[]> | 'empty' {
  const text = texts[field];
  if (text.trim() === '') return 'empty';
  if (text.length > MAX_TEXT_LENGTH) {
    return fail(
      `is longer than ${withThousands(MAX_TEXT_LENGTH)} characters, far more than AWS stores for it: paste only the policies`,
    );
  }
  return parseValues(text);
}

const NO_BUCKET_POLICY = /NoSuchBucketPolicy|The bucket policy does not exist/;

export function readInputs(texts: CheckTexts): ReadInputs {
  const problems: InputProblem[] = [];
  const names: Readonly<Record<CheckField, string>> = {
    errorMessage: '',
    'key-policy': 'the key policy',
    'key-policy-bucket': 'the key policy (bucket key)',
    'key-policy-dataset-group': 'the key policy (dataset group key)',
    rolePolicies: '',
    bucketPolicy: 'the bucket policy',
    trustPolicy: 'the trust policy',
  };

  let trustRoleArn: string | undefined;
  const one = (field: CheckField): FieldReading<NamedPolicy> => {
    const read = readText(texts, field);
    if (read === 'empty') return { state: 'empty' };
    if (!read.ok) {
      problems.push(labelled(field, read.message));
      return { state: 'unreadable' };
    }
    if (read.value.length !== 1) {
      problems.push(
        labelled(field, `holds ${String(read.value.length)} JSON values: paste one policy`),
      );
      return { state: 'unreadable' };
    }
    const [value] = read.value;
    if (field === 'trustPolicy' && isObject(value)) {
      const role = isObject(value.Role) ? value.Role : value;
      if (typeof role.Arn === 'string') trustRoleArn = role.Arn;
    }
    const document = resourceDocument(value, field);
    if (!document.ok) {
      problems.push(labelled(field, document.message));
      return { state: 'unreadable' };
    }
    return { state: 'read', value: { name: names[field], document: document.value } };
  };

  const roles = (): FieldReading<NamedPolicy[]> => {
    const read = readText(texts, 'rolePolicies');
    if (read === 'empty') return { state: 'empty' };
    if (!read.ok) {
      problems.push(labelled('rolePolicies', read.message));
      return { state: 'unreadable' };
    }
    const values = read.value.flatMap((value): unknown[] =>
      Array.isArray(value) ? (value as unknown[]) : [value],
    );
    if (values.length > MAX_ROLE_POLICIES) {
      problems.push(
        labelled(
          'rolePolicies',
          `holds ${String(values.length)} policies, more than a role can have (${String(MAX_ROLE_POLICIES)})`,
        ),
      );
      return { state: 'unreadable' };
    }
    const policies: NamedPolicy[] = [];
    let unreadable = false;
    const taken = new Set<string>();
    for (const [index, value] of values.entries()) {
      const entry = rolePolicyEntries(value, index + 1);
      if (entry.ok) {
        // Messages name statements by their policy: two policies may share a PolicyName (an
        // inline and a managed one), so the second is told apart by its position.
        const { name } = entry.value;
        const unique = taken.has(name) ? `${name} (policy ${String(index + 1)})` : name;
        taken.add(unique);
        policies.push({ name: unique, document: entry.value.document });
      } else {
        unreadable = true;
        problems.push(labelled('rolePolicies', entry.message));
      }
    }
    // One policy left out could be the one that denies: the field is not read at all.
    return unreadable || policies.length === 0
      ? { state: 'unreadable' }
      : { state: 'read', value: policies };
  };

  const bucket = (): FieldReading<NamedPolicy | null> => {
    const text = texts.bucketPolicy;
    if (text.trim() !== '' && NO_BUCKET_POLICY.test(text) && !text.includes('"Statement"')) {
      return { state: 'read', value: null };
    }
    return one('bucketPolicy');
  };

  const keyPolicies = {
    'key-policy': one('key-policy'),
    'key-policy-bucket': one('key-policy-bucket'),
    'key-policy-dataset-group': one('key-policy-dataset-group'),
  };
  const rolePolicies = roles();
  const bucketPolicy = bucket();
  const trustPolicy = one('trustPolicy');
  return {
    keyPolicies,
    rolePolicies,
    bucketPolicy,
    trustPolicy,
    ...(trustRoleArn === undefined ? {} : { trustRoleArn }),
    problems,
  };
}
