/**
 * What the runbook, the CloudFormation template and the Terraform
 * configuration share: placeholders and what they stand for, comments
 * wrapped as the three write them, and the order documents are applied in.
 */
import type { AnswerField, Answers } from './answers';
import { accountFor } from './apply';
import { KEY_ARN_PLACEHOLDERS, type NeededDocument, PLACEHOLDERS } from './build';
import { DOCUMENT_FACTS, type DocumentId } from './document-facts';
import { isKeyArnAnswer, KIND_FACTS, missingAnswers } from './export-facts';

/** What each answer is, for the lines that name an answer still to give. */
export const ANSWER_MEANING: Partial<Record<AnswerField, string>> = {
  accountId: 'the 12-digit ID of the service role’s account',
  roleName: 'the name of the Personalize service role (without its path)',
  bucketName: 'the name of the S3 bucket Personalize reads and writes',
  region: 'the region of your Personalize resources, such as us-east-1',
  keyArn: 'the ARN of the KMS key',
  datasetGroupKeyArn: 'the ARN of the dataset group’s KMS key',
};

/** The placeholder the documents and commands show for each answer while it is not given. */
export const ANSWER_PLACEHOLDER: Partial<Record<AnswerField, string>> = {
  ...PLACEHOLDERS,
  keyArn: KEY_ARN_PLACEHOLDERS.keyArn,
  datasetGroupKeyArn: KEY_ARN_PLACEHOLDERS.datasetGroupKeyArn,
};

/** What each placeholder stands for: each answer's meaning, and the two only the exports show. */
const PLACEHOLDER_MEANING: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(ANSWER_PLACEHOLDER).map(([field, placeholder]) => [
      placeholder,
      ANSWER_MEANING[field as AnswerField],
    ]),
  ),
  [KEY_ARN_PLACEHOLDERS.bucketKeyArn]: 'the ARN of the bucket’s KMS key',
  '<key-id>': 'the ID of the KMS key (the part of its ARN after key/)',
};

function describePlaceholder(placeholder: string): string {
  return PLACEHOLDER_MEANING[placeholder] ?? 'a value the wizard could not fill in';
}

export function placeholderList(placeholders: readonly string[], bullet: string): string[] {
  return placeholders.map(
    (placeholder) => `${bullet}${placeholder}: ${describePlaceholder(placeholder)}`,
  );
}

/**
 * The placeholders an export shows for the answers its documents still lack,
 * each once: read from the answers, never from the text, where a valid value
 * (an IAM path such as `/<account-id>/`) may look like a placeholder. A key's
 * ARN is shown as `keyPlaceholder` gives it (none where the export names no
 * key outside comments).
 */
export function missingPlaceholders(
  answers: Answers,
  documents: readonly NeededDocument[],
  keyPlaceholder: (document: NeededDocument) => string | undefined,
): string[] {
  const placeholders = documents.flatMap((document) =>
    missingAnswers(document, answers).flatMap((field) => {
      if (isKeyArnAnswer(field)) {
        return keyPlaceholder(document) ?? [];
      }
      return ANSWER_PLACEHOLDER[field] ?? [];
    }),
  );
  return [...new Set(placeholders)];
}

/** What the exports may be given besides the answers and the documents. */
export interface ExportOptions {
  /**
   * Per key policy document: the key policy the merge produced from the
   * key's current policy (its JSON text). The exports put it instead of the
   * wizard's key policy, so what is applied is what was reviewed.
   */
  mergedKeyPolicies?: Partial<Record<DocumentId, string>>;
}

/** A file an export reads, with its contents. */
export interface ExportFile {
  fileName: string;
  contents: string;
}

/** The merged key policy's file: the document's name with `-merged`. */
export function mergedFileName(document: Pick<NeededDocument, 'id'>): string {
  return `${DOCUMENT_FACTS[document.id].fileStem}-merged.json`;
}

/** The policy an export puts for a document: its merged key policy when given, else its own. */
export function policyToPut(document: NeededDocument, options: ExportOptions = {}): ExportFile {
  const merged =
    document.kind === 'key-policy' ? options.mergedKeyPolicies?.[document.id] : undefined;
  return merged === undefined
    ? { fileName: document.fileName, contents: document.json }
    : { fileName: mergedFileName(document), contents: merged };
}

/** Answers as a list in words, for the lines that name what is missing. */
export function describeAnswers(fields: readonly AnswerField[]): string {
  return fields.map((field) => ANSWER_MEANING[field] ?? field).join(', ');
}

/** A comment wrapped at 88 columns; words longer than a line (ARNs) stay whole. */
export function comment(text: string, indent = 0): string[] {
  const prefix = `${' '.repeat(indent)}#`;
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line !== prefix && line.length + 1 + word.length > 88) {
      lines.push(line);
      line = prefix;
    }
    line = `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** The documents in the order the exports apply them; documents of one kind keep their order. */
export function inApplyOrder(documents: readonly NeededDocument[]): NeededDocument[] {
  return [...documents].sort(
    (a, b) => KIND_FACTS[a.kind].applyOrder - KIND_FACTS[b.kind].applyOrder,
  );
}

export function replacesWholePolicy(document: NeededDocument): boolean {
  return KIND_FACTS[document.kind].replacesWholePolicy;
}

/** Documents grouped by the account whose credentials apply them, in apply order. */
export function groupByAccount(
  answers: Answers,
  documents: readonly NeededDocument[],
): { account: string; documents: NeededDocument[] }[] {
  const groups = new Map<string, NeededDocument[]>();
  for (const document of inApplyOrder(documents)) {
    const account = accountFor(document, answers);
    groups.set(account, [...(groups.get(account) ?? []), document]);
  }
  return [...groups].map(([account, grouped]) => ({ account, documents: grouped }));
}

export function heading(document: NeededDocument, indent = 0): string {
  return `${' '.repeat(indent)}# ${document.title}: ${document.fileName}`;
}

/**
 * Comments lines out as editors do: "# " after the block's indent, so
 * deleting those two characters restores each line exactly.
 */
export function commentedOut(lines: readonly string[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return lines.map((line) => `${pad}# ${line.slice(indent)}`);
}

export const PASSROLE_DESCRIPTION =
  'Lets people and pipelines pass the Personalize service role to Amazon Personalize.';
