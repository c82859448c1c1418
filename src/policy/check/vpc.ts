/**
 * Whether a bucket policy keeps requests from outside a VPC or VPC endpoint away from the bucket.
 * Amazon Personalize reaches the bucket from outside any VPC of yours, so such a policy breaks its
 * imports and exports whatever else it grants.
 *
 * Sources: https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 * (the Deny with StringNotEquals on aws:SourceVpce or aws:SourceVpc),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpc
 * (condition key names are not case-sensitive),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * (a negated operator matches when the key is absent from the request, as it is for a request
 * that does not come through a VPC endpoint),
 * https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html (the
 * actions Personalize uses on the bucket).
 */

import { readStringList } from '../evaluate/action';
import { globMatches } from '../evaluate/glob';
import { isObject } from '../strict-json';
import { statementsOf } from './pasted';

/** The condition keys that name the VPC or VPC endpoint a request comes through. */
const VPC_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce']);

/**
 * Keys a request from an AWS service principal such as Personalize does not carry the value an
 * exemption names (the admin role's ARN, a user's ID): a Deny that exempts those with a negated
 * operator still denies Personalize.
 */
const EXEMPTION_KEYS = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);

/** The S3 actions Personalize uses on the bucket: a statement about none of them does not matter. */
const PERSONALIZE_S3_ACTIONS = ['s3:getobject', 's3:listbucket', 's3:putobject'];

const NEGATED =
  /^(ForAnyValue:|ForAllValues:)?(StringNot(Equals|Like)(IgnoreCase)?|ArnNot(Equals|Like))(IfExists)?$/;
const POSITIVE = /^(ForAnyValue:)?(String(Equals|Like)(IgnoreCase)?|ArnEquals|ArnLike)(IfExists)?$/;

type Json = Record<string, unknown>;

const strings = readStringList;

/** An action pattern with `*` and `?` as IAM reads it: the whole action, case-insensitively. */
function matchesAction(pattern: string, action: string): boolean {
  return globMatches(pattern.toLowerCase(), action);
}

/** The statement is about at least one action Personalize uses on the bucket. */
function coversPersonalizeActions(statement: Json): boolean {
  const actions = strings(statement.Action);
  if (actions !== undefined) {
    return PERSONALIZE_S3_ACTIONS.some((action) => actions.some((p) => matchesAction(p, action)));
  }
  const excluded = strings(statement.NotAction);
  if (excluded === undefined) return false;
  return PERSONALIZE_S3_ACTIONS.some((action) => !excluded.some((p) => matchesAction(p, action)));
}

const PERSONALIZE_SERVICE = 'personalize.amazonaws.com';

/** The statement applies to Personalize's requests: to everyone, or to the service by name. */
function appliesToPersonalize(statement: Json): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (isObject(principal)) {
    return (
      strings(principal.AWS)?.includes('*') === true ||
      strings(principal.Service)?.includes(PERSONALIZE_SERVICE) === true
    );
  }
  const notPrincipal = statement.NotPrincipal;
  if (notPrincipal === undefined) return false;
  return !(isObject(notPrincipal) && strings(notPrincipal.Service)?.includes(PERSONALIZE_SERVICE));
}

/** Each condition of a statement as operator and key (the key lower-cased). */
function conditionsOf(statement: Json): { operator: string; key: string }[] | undefined {
  const condition = statement.Condition;
  if (condition === undefined) return [];
  if (!isObject(condition)) return undefined;
  return Object.entries(condition).flatMap(([operator, block]) =>
    isObject(block) ? Object.keys(block).map((key) => ({ operator, key: key.toLowerCase() })) : [],
  );
}

/**
 * A Deny, for everyone or for Personalize, of an action Personalize uses, unless the request
 * comes from a named VPC or VPC endpoint; exemptions for named principals do not exempt
 * Personalize. Any other condition might exempt it, so such a statement does not count.
 */
function deniesOutsideVpc(statement: Json): boolean {
  if (statement.Effect !== 'Deny') return false;
  if (!appliesToPersonalize(statement) || !coversPersonalizeActions(statement)) return false;
  const conditions = conditionsOf(statement);
  if (conditions === undefined) return false;
  const vpc = conditions.filter(({ key }) => VPC_KEYS.has(key));
  if (vpc.length === 0 || !vpc.every(({ operator }) => NEGATED.test(operator))) return false;
  return conditions.every(
    ({ operator, key }) => VPC_KEYS.has(key) || (EXEMPTION_KEYS.has(key) && NEGATED.test(operator)),
  );
}

/** An Allow that holds only for requests from a named VPC or VPC endpoint. */
function allowsOnlyFromVpc(statement: Json): boolean {
  const conditions = conditionsOf(statement) ?? [];
  return conditions.some(({ operator, key }) => VPC_KEYS.has(key) && POSITIVE.test(operator));
}

/**
 * The positions (0-based) of the statements that deny the actions Personalize uses to requests
 * that do not come through a VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce with
 * StringNotEquals or StringNotLike). Anything that is not a policy has none.
 */
export function vpcDenyingStatements(policyDocument: unknown): number[] {
  return statementsOf(policyDocument).flatMap((statement, index) =>
    isObject(statement) && deniesOutsideVpc(statement) ? [index] : [],
  );
}

/**
 * True when the bucket policy limits access to a VPC or VPC endpoint: a statement denies the
 * actions Personalize uses to requests that do not come through one (vpcDenyingStatements), or
 * every statement that allows any of them to Personalize allows it only from one (StringEquals or
 * StringLike). Anything that is not a policy gives false.
 */
export function limitsToVpc(policyDocument: unknown): boolean {
  if (vpcDenyingStatements(policyDocument).length > 0) return true;
  const allows = statementsOf(policyDocument).filter(
    (statement): statement is Json =>
      isObject(statement) &&
      statement.Effect === 'Allow' &&
      appliesToPersonalize(statement) &&
      coversPersonalizeActions(statement),
  );
  return allows.length > 0 && allows.every(allowsOnlyFromVpc);
}
