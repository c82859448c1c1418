/**
 * Finding, reading and hand-making policy documents in tests. Test-only.
 */
import {
  buildCompanionDocuments,
  buildPolicies,
  toJson,
  type Answers,
  type BuiltDocument,
  type DocumentId,
  type NeededDocument,
  type PolicyDocument,
  type PolicySet,
  type PolicyStatement,
} from '../index';

/** The documents that are needed, in their order. */
export function onlyNeeded(documents: readonly BuiltDocument[]): NeededDocument[] {
  return documents.filter((document): document is NeededDocument => document.needed);
}

/** The KMS documents (key policies, service role IAM policy) the builder makes, the needed ones. */
export function kmsDocuments(answers: Answers): NeededDocument[] {
  return onlyNeeded(buildPolicies(answers).documents);
}

/** The companion documents (S3 access, bucket, trust, PassRole) the app makes, the needed ones. */
export function companions(answers: Answers): NeededDocument[] {
  return onlyNeeded(buildCompanionDocuments(answers));
}

/** The JSON of every needed document of a set, with its statement-only view, one after another. */
export function allJson(set: PolicySet): string {
  return onlyNeeded(set.documents)
    .map((d) => d.json + (d.statementOnly?.json ?? ''))
    .join('\n');
}

/** The document with this id, needed or not, which must be there; throws otherwise. */
export function documentOf(documents: readonly BuiltDocument[], id: DocumentId): BuiltDocument {
  const document = documents.find((d) => d.id === id);
  if (!document) throw new Error(`No ${id} among the documents`);
  return document;
}

/** The document with this id, which must be there and needed; throws otherwise. */
export function neededOf(documents: readonly BuiltDocument[], id: DocumentId): NeededDocument {
  const document = documentOf(documents, id);
  if (!document.needed) throw new Error(`${id} is not needed: ${document.reason}`);
  return document;
}

/**
 * A hand-made needed document with this policy, for what the builder never
 * produces (a size at a limit, text that needs escaping). Its JSON is written
 * as the app writes it; it has no explanations and no statement-only view.
 * A key policy keeps the key of the document it is made from.
 */
export function neededDocument(
  base: Pick<NeededDocument, 'id' | 'kind' | 'title' | 'fileName' | 'key'> &
    Partial<Pick<NeededDocument, 'destination' | 'placeholders'>>,
  policy: PolicyDocument,
): NeededDocument {
  const { id, kind, title, fileName, key, destination = '', placeholders = [] } = base;
  return {
    id,
    kind,
    title,
    fileName,
    destination,
    key,
    needed: true,
    policy,
    json: toJson(policy),
    explanations: [],
    placeholders,
  };
}

/** A policy value that may be one string or a list (Action, Resource, a principal), as a list. */
export function asList(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new Error(`Not a string or a list of strings: ${JSON.stringify(value)}`);
}

/** A statement's principals of one kind (AWS or Service), as a list; none for "*" or no Principal. */
export function principalList(statement: PolicyStatement, kind: 'AWS' | 'Service'): string[] {
  const principal = statement.Principal;
  if (principal === undefined || principal === '*') return [];
  return asList(principal[kind]);
}
