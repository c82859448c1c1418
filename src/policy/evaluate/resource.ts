/**
 * Resource and NotResource: `*` or ARNs with `*` and `?`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 * A `*` at the end of a part may run past its colons, so an ARN cut short after a trailing `*`
 * (`arn:aws:kms:*`) covers what its full form would.
 *
 * The resource part is matched case-sensitively, as the page says of IAM names (and S3 object
 * keys are case-sensitive). Whether the partition, service, region and account parts are, AWS
 * does not say: an ARN that differs from the request's only in their letter case is unknown.
 *
 * Not understood either: wildcards in the service part (AWS forbids them), in the resource type
 * before a `/` or `:` (AWS forbids them too, and services read them differently), policy
 * variables, and ARNs cut short without a trailing `*`.
 */
import { readStringList } from './action';
import { comparedByCase, globMatches, hasWildcard } from './glob';
import { any, not, NO, unknown, YES, type Judgement } from './tri';

/**
 * The parts of an ARN, `arn`, partition, service, region, account and resource, the resource
 * keeping any colons of its own; fewer when the text has fewer colons.
 */
export function arnParts(text: string): string[] {
  const parts = text.split(':');
  return parts.length > 6 ? [...parts.slice(0, 5), parts.slice(5).join(':')] : parts;
}

/** The ARN with its partition, service, region and account parts in lower case. */
function lowerPrefix(arn: string): string {
  return arnParts(arn)
    .map((part, index) => (index < 5 ? part.toLowerCase() : part))
    .join(':');
}

function matchesResource(pattern: string, resource: string): Judgement {
  if (pattern === '*') return YES;
  if (pattern.includes('${')) {
    return unknown(`the resource "${pattern}" uses a policy variable, which is not evaluated here`);
  }
  if (pattern === resource) return YES;
  const parts = arnParts(pattern);
  if (parts[0] !== 'arn') return unknown(`the resource "${pattern}" is not an ARN`);
  if (parts.length < 6 && !parts.at(-1)?.endsWith('*')) {
    return unknown(`the resource "${pattern}" is not a complete ARN`);
  }
  const [, , service = '', region = '', account = ''] = parts;
  if (hasWildcard(service)) {
    return unknown(`the resource "${pattern}" has a wildcard in its service part`);
  }
  if (parts.length >= 6) {
    const resourcePart = parts[5] ?? '';
    const bucketStyle = service === 's3' && region === '' && account === '';
    const separator = resourcePart.search(/[/:]/);
    if (!bucketStyle && separator > 0 && hasWildcard(resourcePart.slice(0, separator))) {
      return unknown(`the resource "${pattern}" has a wildcard in its resource type`);
    }
  }
  return comparedByCase(
    globMatches,
    pattern,
    resource,
    {
      match: YES,
      caseOnly: () =>
        unknown(
          `the resource "${pattern}" differs from ${resource} only in the letter case of its partition, service, region or account, where AWS does not say whether case matters`,
        ),
      none: NO,
    },
    lowerPrefix,
  );
}

/**
 * A resource the request does not name (`missing` says what it is, such as "the key's ARN"):
 * `*` covers it, and any other pattern may or may not.
 */
function matchesMissingResource(pattern: string, missing: string): Judgement {
  return pattern === '*'
    ? YES
    : unknown(
        `whether its resource "${pattern}" is the one asked for is not known: ${missing} is not given`,
      );
}

/**
 * Whether a Resource (or, negated, a NotResource) element covers the request's resource, given
 * as an ARN or, when the request does not name it, as what it is (`{ missing: "the key's ARN" }`).
 */
export function decideResources(
  element: unknown,
  elementName: 'Resource' | 'NotResource',
  resource: string | { missing: string },
): Judgement {
  const patterns = readStringList(element);
  if (!patterns) return unknown(`${elementName} is not a string or a list of strings`);
  const matched = any(
    patterns.map((pattern) =>
      typeof resource === 'string'
        ? matchesResource(pattern, resource)
        : matchesMissingResource(pattern, resource.missing),
    ),
  );
  return elementName === 'NotResource' ? not(matched) : matched;
}
