/**
 * Action and NotAction: `service:action` patterns, the action part with `*` and `?`, both parts
 * case-insensitive (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 * AWS allows no wildcard in the service prefix, so such a pattern is not understood.
 */
import { globMatches } from './glob';
import { any, judge, not, unknown, YES, type Judgement } from './tri';

const SERVICE = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9*?]+$/;
const ALL_STARS = /^\*+$/;

/** A list element (Action, Resource, …): one string or a non-empty list of strings. */
export function readStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return value;
  }
  return undefined;
}

/** The request's action in lower case, split once for all the patterns. */
interface LowerAction {
  service: string;
  name: string;
}

function matchesAction(pattern: string, action: LowerAction): Judgement {
  if (ALL_STARS.test(pattern)) return YES;
  const [service, name, extra] = pattern.split(':');
  if (service === undefined || name === undefined || extra !== undefined) {
    return unknown(`the action "${pattern}" is not written service:action`);
  }
  if (!SERVICE.test(service)) {
    return unknown(`the action "${pattern}" has a service prefix AWS does not accept`);
  }
  if (!ACTION_NAME.test(name)) {
    return unknown(`the action "${pattern}" has characters an action name cannot have`);
  }
  return judge(
    service.toLowerCase() === action.service && globMatches(name.toLowerCase(), action.name),
  );
}

/** Whether an Action (or, negated, a NotAction) element covers the request's action. */
export function decideActions(
  element: unknown,
  elementName: 'Action' | 'NotAction',
  action: string,
): Judgement {
  const patterns = readStringList(element);
  if (!patterns) return unknown(`${elementName} is not a string or a list of strings`);
  const [service = '', name = ''] = action.toLowerCase().split(':');
  const matched = any(patterns.map((pattern) => matchesAction(pattern, { service, name })));
  return elementName === 'NotAction' ? not(matched) : matched;
}
