/**
 * What the chosen edition's documents lack that AWS later said jobs need: the
 * warning every step shows. Kept apart from editions.ts (the comparison of
 * both editions, which loads only when its disclosure is opened) because it
 * loads with the first visit.
 */
import type { Answers, GuideEdition } from './answers';
import { buildPolicies, type BuiltDocument, type DocumentId, rulesApplying } from './build';
import { asList, sortActions, type PolicyStatement } from './document';
import { listInProse } from './prose';
import {
  correctionApplies,
  EDITION_CORRECTIONS,
  type EditionCorrection,
  type Encrypted,
  GUIDE_EDITION_INFO,
  type KmsAction,
  ROOT_STATEMENT,
  type Source,
} from './rules';

const actionsOf = (statements: readonly PolicyStatement[]) =>
  sortActions(statements.flatMap((statement) => asList(statement.Action)));

/** The actions a document grants to Personalize (not the root statement's kms:*). */
export function personalizeActions(document: BuiltDocument): string[] {
  if (!document.needed) return [];
  return actionsOf(
    document.kind === 'key-policy'
      ? document.policy.Statement.filter((statement) => statement.Sid !== ROOT_STATEMENT.sid)
      : document.policy.Statement,
  );
}

/** One document the corrected edition adds actions to. */
interface EditionGapDocument {
  id: DocumentId;
  title: string;
  /** The actions the corrected edition adds to it, in the documents' order. */
  missing: KmsAction[];
}

/** What the chosen edition's documents lack that AWS later said jobs need. */
export interface EditionGap {
  /** The chosen edition, and the one with AWS's correction (to offer as a switch). */
  edition: GuideEdition;
  correctedBy: GuideEdition;
  documents: EditionGapDocument[];
  /** Which actions the chosen edition leaves out, of which documents, in plain words. */
  message: string;
  /** That AWS corrected the guide, and that jobs may fail without the actions. */
  reason: string;
  source: Source;
}

/** A title inside a sentence: "Service role IAM policy" becomes "service role IAM policy". */
function inSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? `${title.charAt(0).toLowerCase()}${title.slice(1)}` : title;
}

/** The key policy that holds the rules for what is encrypted: its own key's, or the one key's. */
const KEY_DOCUMENT: Readonly<Record<Encrypted, DocumentId>> = {
  bucket: 'key-policy-bucket',
  datasetGroup: 'key-policy-dataset-group',
};

function correctionGap(
  answers: Answers,
  correction: EditionCorrection,
): EditionGapDocument[] | undefined {
  if (!correctionApplies(answers, correction)) return undefined;
  const corrected = rulesApplying({ ...answers, guide: correction.correctedBy }, [
    correction.encrypted,
  ]);
  const { documents } = buildPolicies(answers);
  const keyDocument =
    documents.find((document) => document.id === KEY_DOCUMENT[correction.encrypted]) ??
    documents.find((document) => document.id === 'key-policy');
  const iamDocument = documents.find((document) => document.id === 'iam-policy');
  const keyArn = keyDocument?.key?.arn ?? '';
  // The IAM policy reaches this key through "*" or through the key's own ARN.
  const iamActions =
    iamDocument?.needed === true
      ? actionsOf(
          iamDocument.policy.Statement.filter(
            (statement) =>
              statement.Resource === '*' || (keyArn !== '' && statement.Resource === keyArn),
          ),
        )
      : [];
  const gaps = [
    {
      document: keyDocument,
      required: corrected.flatMap((rule) => rule.keyPolicyActions),
      granted: keyDocument ? personalizeActions(keyDocument) : [],
    },
    {
      document: iamDocument,
      required: corrected.flatMap((rule) => rule.iamPolicyActions),
      granted: iamActions,
    },
  ];
  return gaps.flatMap(({ document, required, granted }) => {
    const missing = sortActions(required).filter((action) => !granted.includes(action));
    if (document === undefined || missing.length === 0) return [];
    return [{ id: document.id, title: document.title, missing: missing as KmsAction[] }];
  });
}

/**
 * When the chosen edition's documents are ones AWS later corrected because
 * jobs need more (the January 2023 guide and an encrypted dataset group),
 * the actions each document lacks and a sentence saying so; otherwise
 * `undefined`. Read from the rules table, like the documents themselves.
 */
export function editionGap(answers: Answers): EditionGap | undefined {
  for (const correction of EDITION_CORRECTIONS) {
    const documents = correctionGap(answers, correction);
    if (documents === undefined || documents.length === 0) continue;
    const what = correction.encrypted === 'bucket' ? 'S3 bucket' : 'dataset group';
    // Each document's list already has its own "and"; the documents are joined apart.
    const leftOut = documents
      .map(
        (document) => `${listInProse(document.missing)} out of the ${inSentence(document.title)}`,
      )
      .join(', and ');
    const it = documents.length === 1 && documents[0]?.missing.length === 1 ? 'it' : 'them';
    return {
      edition: correction.edition,
      correctedBy: correction.correctedBy,
      documents,
      message: `With an encrypted ${what}, the ${GUIDE_EDITION_INFO[correction.edition].inSentence} leaves ${leftOut}.`,
      reason: `AWS corrected the guide in ${correction.correctedIn} because jobs need ${it}: without ${it}, jobs that use the ${what} may fail. The ${GUIDE_EDITION_INFO[correction.correctedBy].inSentence} includes ${it}.`,
      source: {
        title: `${GUIDE_EDITION_INFO[correction.correctedBy].citation}: ${correction.source.section}`,
        url: correction.source.url,
      },
    };
  }
  return undefined;
}
