/**
 * The documents for a set of answers, built once for every part of the page that shows them:
 * the KMS documents (key policy, IAM policy) and the companion documents (S3 access, bucket,
 * trust and PassRole policies). The live answers keep the same object while the answers stay
 * the same, so the object is the key. Kept out of the live state itself: the builders load with
 * the documents that need them, not on the first visit.
 */
import {
  buildCompanionDocuments,
  buildPolicies,
  type Answers,
  type BuiltDocument,
  type PolicySet,
} from '../policy';

const policies = new WeakMap<Answers, PolicySet>();
const companions = new WeakMap<Answers, BuiltDocument[]>();

function once<T>(built: WeakMap<Answers, T>, answers: Answers, build: (answers: Answers) => T): T {
  let value = built.get(answers);
  if (value === undefined) {
    value = build(answers);
    built.set(answers, value);
  }
  return value;
}

/** The KMS key policy (or policies) and the role's IAM policy. */
export function policiesFor(answers: Answers): PolicySet {
  return once(policies, answers, buildPolicies);
}

export function companionDocumentsFor(answers: Answers): BuiltDocument[] {
  return once(companions, answers, buildCompanionDocuments);
}
