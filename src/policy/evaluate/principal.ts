/**
 * Principal and NotPrincipal in resource policies
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 *
 * A statement can name the requester itself (a role ARN, a service, or everyone with `*`) or
 * its account (`ACCOUNT` or `arn:PARTITION:iam::ACCOUNT:root`), which KMS, S3 and trust
 * policies treat differently, so the two are judged apart.
 *
 * The requesting role stands for its sessions. A principal naming one session
 * (`arn:…:sts::ACCOUNT:assumed-role/NAME/SESSION`) covers only that session, which the request
 * does not name: unknown. With NotPrincipal, AWS asks for the session, its role and its account
 * all to be listed, and warns that otherwise the whole account may be denied
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html):
 * whether a NotPrincipal naming the role or its account leaves the role's sessions out depends
 * on the session, so it is unknown too.
 */
import { ACCOUNT_ID, ROOT_ARN } from '../validate';
import { readStringList } from './action';
import { comparedByCase, hasWildcard } from './glob';
import type { RequestPrincipal } from './request';
import { any, NO, unknown, YES, type Judgement } from './tri';

export interface PrincipalMatch {
  /** The statement names the requester itself, or everyone. */
  direct: Judgement;
  /** The statement names the requester's account. */
  viaAccount: Judgement;
}

type EntryMatch = 'direct' | 'account' | 'session' | 'none' | { unknown: string };

const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
// Any role's ARN, read loosely: the requesting role's own is compared as written.
const ANY_ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const equal = (a: string, b: string) => a === b;
const UNIQUE_ID = /^A[A-Z0-9]{15,}$/;

function awsEntryForRole(value: string, role: RequestPrincipal & { kind: 'role' }): EntryMatch {
  if (value === '*') return 'direct';
  if (ACCOUNT_ID.test(value)) return value === role.account ? 'account' : 'none';
  const root = ROOT_ARN.exec(value);
  if (root) return root[1] === role.partition && root[2] === role.account ? 'account' : 'none';
  if (UNIQUE_ID.test(value)) {
    return { unknown: `the principal "${value}" is a unique ID, which cannot be told apart here` };
  }
  if (!value.startsWith('arn:')) {
    return { unknown: `the principal "${value}" is not an account ID, an ARN or "*"` };
  }
  if (hasWildcard(value)) {
    return { unknown: `the principal "${value}" has a wildcard, which AWS does not allow there` };
  }
  if (ANY_ROLE_ARN.test(value)) {
    return comparedByCase<EntryMatch>(equal, value, role.arn, {
      match: 'direct',
      caseOnly: () => ({
        unknown: `the principal "${value}" differs from the role's ARN only in letter case`,
      }),
      none: 'none',
    });
  }
  const session = SESSION_ARN.exec(value);
  if (
    session?.[1] === role.partition &&
    session[2] === role.account &&
    session[3]?.toLowerCase() === role.name.toLowerCase()
  ) {
    return 'session';
  }
  return 'none';
}

function awsEntryForService(value: string): EntryMatch {
  if (value === '*') return 'direct';
  // Accounts, IAM and STS identities never name a service.
  if (ACCOUNT_ID.test(value) || UNIQUE_ID.test(value) || value.startsWith('arn:')) return 'none';
  return { unknown: `the principal "${value}" is not an account ID, an ARN or "*"` };
}

function serviceEntry(value: string, principal: RequestPrincipal): EntryMatch {
  if (principal.kind === 'role') return 'none';
  if (hasWildcard(value)) {
    return {
      unknown: `the service principal "${value}" has a wildcard, which AWS does not allow there`,
    };
  }
  return comparedByCase<EntryMatch>(equal, value, principal.name, {
    match: 'direct',
    caseOnly: () => ({
      unknown: `the service principal "${value}" differs from ${principal.name} only in letter case`,
    }),
    none: 'none',
  });
}

function entryMatch(type: string, value: string, principal: RequestPrincipal): EntryMatch {
  if (type === 'Service') return serviceEntry(value, principal);
  if (type === 'AWS') {
    return principal.kind === 'role'
      ? awsEntryForRole(value, principal)
      : awsEntryForService(value);
  }
  // Federated and CanonicalUser name web identities and S3 canonical users, never a role or service.
  return 'none';
}

/** Every name in a Principal or NotPrincipal element with how it matches, or what is wrong with it. */
function readEntries(
  element: unknown,
  elementName: string,
  principal: RequestPrincipal,
): { value: string; match: EntryMatch }[] | string {
  if (element === '*') return [{ value: '*', match: 'direct' }];
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    return `${elementName} is neither "*" nor an object`;
  }
  const entries: { value: string; match: EntryMatch }[] = [];
  for (const [type, raw] of Object.entries(element)) {
    if (!PRINCIPAL_TYPES.has(type)) return `${elementName} has a key "${type}" AWS does not define`;
    const values = readStringList(raw);
    if (!values) return `${elementName}'s ${type} is not a string or a list of strings`;
    for (const value of values) entries.push({ value, match: entryMatch(type, value, principal) });
  }
  if (entries.length === 0) return `${elementName} names no one`;
  return entries;
}

const unknownOf = (match: EntryMatch) => (typeof match === 'object' ? unknown(match.unknown) : NO);

export function decidePrincipal(element: unknown, principal: RequestPrincipal): PrincipalMatch {
  const entries = readEntries(element, 'Principal', principal);
  if (typeof entries === 'string') {
    return { direct: unknown(entries), viaAccount: unknown(entries) };
  }
  const direct = any(
    entries.map(({ value, match }) => {
      if (match === 'direct') return YES;
      if (match === 'session') {
        return unknown(`the principal "${value}" names one session of the role, not the role`);
      }
      return unknownOf(match);
    }),
  );
  const viaAccount = any(
    entries.map(({ match }) => (match === 'account' ? YES : unknownOf(match))),
  );
  return { direct, viaAccount };
}

export function decideNotPrincipal(element: unknown, principal: RequestPrincipal): PrincipalMatch {
  const entries = readEntries(element, 'NotPrincipal', principal);
  if (typeof entries === 'string') return { direct: unknown(entries), viaAccount: NO };
  if (entries.some(({ value, match }) => value === '*' && match === 'direct')) {
    return { direct: NO, viaAccount: NO };
  }
  if (principal.kind === 'service') {
    if (entries.some(({ match }) => match === 'direct')) return { direct: NO, viaAccount: NO };
  } else {
    const named = entries.find(({ match }) => match !== 'none' && typeof match !== 'object');
    if (named) {
      return {
        direct: unknown(
          `NotPrincipal names "${named.value}": AWS leaves a role session out only when the session, the role and the account are all named, and which session asks is not known`,
        ),
        viaAccount: NO,
      };
    }
  }
  const unreadable = entries.find(({ match }) => typeof match === 'object');
  if (unreadable) return { direct: unknownOf(unreadable.match), viaAccount: NO };
  return { direct: YES, viaAccount: NO };
}
