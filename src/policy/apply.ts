/**
 * How to put each document in place: where in the console, and the AWS CLI
 * commands. Source: the rules file's "Applying the documents" table and
 * https://docs.aws.amazon.com/cli/latest/reference/kms/put-key-policy.html
 */
import type { Answers } from './answers';
import type { NeededDocument } from './build';
import { PLACEHOLDERS } from './build';

export interface ApplyInstructions {
  /** Where to paste it in the AWS console. */
  console: string;
  /** Commands to run in order; file names are those the Download buttons produce. */
  cli: string[];
  /** What to watch out for. */
  caution?: string;
}

/** The policy name given to the role's inline policy. */
export const INLINE_POLICY_NAME = 'PersonalizeKmsAccess';

export function applyInstructions(document: NeededDocument, answers: Answers): ApplyInstructions {
  if (document.kind === 'iam-policy') {
    const role = answers.roleName || (PLACEHOLDERS.roleName ?? '');
    return {
      console: `IAM console → Roles → ${role} → Add permissions → Create inline policy → JSON, then paste the policy.`,
      cli: [
        `aws iam put-role-policy --role-name ${role} --policy-name ${INLINE_POLICY_NAME} --policy-document file://${document.fileName}`,
      ],
    };
  }
  const keyId =
    (document.id === 'key-policy-dataset-group' ? answers.datasetGroupKeyArn : answers.keyArn) ||
    '<key-arn>';
  // One backup file per key, named after the document, so two keys never overwrite each other.
  const current = document.fileName.replace('personalize-kms-key-policy', 'current-key-policy');
  return {
    console:
      'KMS console → Customer managed keys → your key → Key policy → Edit (switch to the policy view), then paste the policy.',
    cli: [
      `aws kms get-key-policy --key-id ${keyId} --policy-name default --query Policy --output text > ${current}`,
      `aws kms put-key-policy --key-id ${keyId} --policy-name default --policy file://${document.fileName}`,
    ],
    caution: `put-key-policy replaces the whole key policy. If ${current} has statements other than the account’s root statement, add the Personalize statement to it instead (Statement only), and put that file.`,
  };
}
