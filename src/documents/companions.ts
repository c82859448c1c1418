/**
 * The companion documents (S3 access, bucket, trust and PassRole policies),
 * built once per set of answers for every part of the page that shows them.
 * The live answers keep the same object while the answers stay the same, so
 * the object is the key. Kept out of the live state itself: their builder
 * loads with the documents that need it, not on the first visit.
 */
import { buildCompanionDocuments, type Answers, type BuiltDocument } from '../policy';

const built = new WeakMap<Answers, BuiltDocument[]>();

export function companionDocumentsFor(answers: Answers): BuiltDocument[] {
  let documents = built.get(answers);
  if (documents === undefined) {
    documents = buildCompanionDocuments(answers);
    built.set(answers, documents);
  }
  return documents;
}
