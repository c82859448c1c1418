/**
 * The pasted documents as the findings read them: each policy's kind, field and words for
 * messages, looked up by the name the evaluator reports, and quick looks at their text.
 */
import type { NamedPolicy, PolicyKind } from '../evaluate';
import { capitalized, listInProse } from '../prose';
import { isObject } from '../strict-json';
import { CHECK_LABELS } from './fields';
import type { FieldReading, ReadInputs } from './inputs';
import type { ResourceField } from './requirements';
import type { CheckField, KeyPolicyField } from './types';

/** A pasted policy with what the messages say of it. */
export interface Source {
  kind: PolicyKind;
  field: CheckField;
  /** "the key policy (bucket key)", `the role's policy "Name"`. */
  words: string;
  document: unknown;
}

export function statementsOf(document: unknown): unknown[] {
  if (!isObject(document)) return [];
  const { Statement: statement } = document;
  if (Array.isArray(statement)) return statement;
  return isObject(statement) ? [statement] : [];
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function capitalizedList(items: readonly string[]): string {
  return capitalized(listInProse(items));
}

/** The readings and names of every pasted document, by the name the evaluator reports. */
export class Pasted {
  readonly sources = new Map<string, Source>();

  constructor(readonly read: ReadInputs) {
    for (const [field, reading] of Object.entries(read.keyPolicies) as [
      KeyPolicyField,
      FieldReading<NamedPolicy>,
    ][]) {
      if (reading.state === 'read') this.note(reading.value, 'key-policy', field);
    }
    if (read.bucketPolicy.state === 'read' && read.bucketPolicy.value) {
      this.note(read.bucketPolicy.value, 'bucket-policy', 'bucketPolicy');
    }
    if (read.trustPolicy.state === 'read') {
      this.note(read.trustPolicy.value, 'trust-policy', 'trustPolicy');
    }
    if (read.rolePolicies.state === 'read') {
      for (const policy of read.rolePolicies.value) this.note(policy, 'identity', 'rolePolicies');
    }
  }

  private note(policy: NamedPolicy, kind: PolicyKind, field: CheckField) {
    const words = kind === 'identity' ? `the role’s ${policy.name}` : policy.name;
    this.sources.set(policy.name, { kind, field, words, document: policy.document });
  }

  /** The resource policy a field holds: read, `null` for a bucket without one, or undefined. */
  resourcePolicy(field: ResourceField): NamedPolicy | null | undefined {
    const reading =
      field === 'bucketPolicy'
        ? this.read.bucketPolicy
        : field === 'trustPolicy'
          ? this.read.trustPolicy
          : this.read.keyPolicies[field];
    return reading.state === 'read' ? reading.value : undefined;
  }

  rolePolicies(): NamedPolicy[] | undefined {
    return this.read.rolePolicies.state === 'read' ? this.read.rolePolicies.value : undefined;
  }

  /** What the field's document is called in messages. */
  static fieldWords(field: ResourceField): string {
    if (field === 'bucketPolicy') return 'the bucket policy';
    if (field === 'trustPolicy') return 'the trust policy';
    return CHECK_LABELS[field].replace('Current key policy', 'the key policy');
  }
}

const PLAIN_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const mentions = new WeakMap<object, Set<string>>();

/**
 * Whether a policy may say anything about an action of `service`: it has a statement with
 * NotAction, or an Action that is `*`, starts with the service's prefix or is not a string list,
 * or it is not a plain policy (an element AWS does not define, a Version it does not know, no
 * Statement), which the evaluator reports. A quick look at the text, so that deciding and
 * probing skip the policies about other services (most of a role's): such a policy neither
 * allows nor denies the request, and has nothing to report about it.
 */
export function mayName(policy: NamedPolicy, service: string): boolean {
  const { document } = policy;
  if (!isObject(document)) return true;
  let services = mentions.get(document);
  if (!services) {
    services = new Set<string>();
    const plain =
      Object.keys(document).every((element) => PLAIN_ELEMENTS.has(element)) &&
      (document.Version === undefined ||
        document.Version === '2012-10-17' ||
        document.Version === '2008-10-17') &&
      (Array.isArray(document.Statement) || isObject(document.Statement));
    if (!plain) services.add('*');
    for (const statement of statementsOf(document)) {
      if (!isObject(statement) || 'NotAction' in statement) {
        services.add('*');
        continue;
      }
      const actions = statement.Action;
      const list = typeof actions === 'string' ? [actions] : Array.isArray(actions) ? actions : [];
      if (list.length === 0) services.add('*');
      for (const action of list) {
        if (typeof action !== 'string' || !action.includes(':')) services.add('*');
        else services.add(action.slice(0, action.indexOf(':')).toLowerCase());
      }
    }
    mentions.set(document, services);
  }
  return services.has('*') || services.has(service);
}

export function serviceOf(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}
