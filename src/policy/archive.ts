/**
 * What "Download all" puts in its archive: every file the runbook reads beside it, the
 * documents and their statements alone, and the three exports, each under the name its own
 * Download button saves.
 */
import type { Answers } from './answers';
import type { NeededDocument } from './build';
import { buildCloudFormation } from './cloudformation';
import type { ExportFile, ExportOptions } from './export-text';
import { buildRunbook, runbookFiles } from './runbook';
import { buildTerraform } from './terraform';

/** The exports' file names: the runbook, the CloudFormation template, the Terraform configuration. */
export const EXPORT_FILE_NAMES = {
  runbook: 'apply-personalize-policies.sh',
  cloudFormation: 'personalize-policies.cfn.yaml',
  terraform: 'personalize-policies.tf',
} as const;

/**
 * The archive's files, each name once, in this order: each document's file and its
 * statement-only file, the merged key policies the runbook puts instead, then the runbook,
 * the CloudFormation template and the Terraform configuration.
 */
export function archiveFiles(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): ExportFile[] {
  const files = new Map<string, string>();
  for (const document of documents) {
    files.set(document.fileName, document.json);
    if (document.statementOnly) {
      files.set(document.statementOnly.fileName, document.statementOnly.json);
    }
  }
  for (const file of runbookFiles(documents, options)) files.set(file.fileName, file.contents);
  files.set(EXPORT_FILE_NAMES.runbook, buildRunbook(answers, documents, options));
  files.set(EXPORT_FILE_NAMES.cloudFormation, buildCloudFormation(answers, documents, options));
  files.set(EXPORT_FILE_NAMES.terraform, buildTerraform(answers, documents, options));
  return [...files].map(([fileName, contents]) => ({ fileName, contents }));
}
