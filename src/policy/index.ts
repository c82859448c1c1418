/** The pure policy builder: the only entry point the rest of the app imports. */
export {
  answersSchema,
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  KEY_LAYOUTS,
  OPERATIONS,
  parseAnswers,
  salvageAnswers,
  type AnswerField,
  type Answers,
  type Finding,
  type GuideEdition,
  type KeyLayout,
  type Operation,
  type ParsedAnswers,
  type Salvaged,
} from './answers';
export {
  ANSWER_MAX_LENGTH,
  cleanAnswer,
  ROLE_ARN_MAX_LENGTH,
  TEXT_FIELDS,
  type TextField,
} from './clean';
export {
  buildPolicies,
  buildPoliciesFromInput,
  PLACEHOLDERS,
  type ActionExplanation,
  type Because,
  type BuiltDocument,
  type DocumentId,
  type DocumentKind,
  type NeededDocument,
  type PolicySet,
  type SkippedDocument,
} from './build';
export {
  byteLength,
  iamPolicyLength,
  LIMITS,
  toJson,
  type PolicyDocument,
  type PolicyStatement,
  type Principal,
} from './document';
export {
  PARTITION_LABELS,
  PARTITION_NOTES,
  PARTITIONS,
  PERSONALIZE_REGIONS,
  SERVICE_PRINCIPAL,
  WHERE_PERSONALIZE_RUNS,
  type Partition,
} from './partitions';
export {
  CONFUSED_DEPUTY,
  CURRENT_GUIDE_ONLY,
  CURRENT_GUIDE_WARNING,
  GUIDE_EDITION_INFO,
  GUIDE_URL,
  KMS_ACTION_PURPOSE,
  mightShowEditionGap,
  KMS_ACTIONS,
  OPERATION_INFO,
  ROOT_STATEMENT,
  RULES,
  SIDS,
  type KmsAction,
  type Rule,
  type Source,
} from './rules';
export {
  accountIdProblem,
  bucketNameProblem,
  bucketNameWarning,
  keyArnProblem,
  parseKeyArn,
  parseRoleArn,
  roleNameProblem,
  rolePathProblem,
  type KeyArn,
  type RoleArn,
} from './validate';
export { applyInstructions, getKeyPolicyCommand, type ApplyInstructions } from './apply';
export { DOCUMENT_FACTS } from './document-facts';
export { buildRunbook } from './runbook';
export { archiveFiles, EXPORT_FILE_NAMES } from './archive';
export { mergedFileName, policyToPut, type ExportFile, type ExportOptions } from './export-text';
export { buildCloudFormation } from './cloudformation';
export { buildTerraform } from './terraform';
export {
  preflight,
  preflightChecks,
  type Check,
  type CheckLevel,
  type PreflightItem,
  type PreflightLevel,
} from './preflight';
export { compareEditions, type EditionComparison } from './editions';
export { editionGap, type EditionGap } from './edition-gap';
export { buildCompanionDocuments, companionNotes } from './companions';
export {
  MAX_PASTED_CHARS,
  mergeContextFor,
  mergeKeyPolicy,
  type MergeChange,
  type MergeContext,
  type MergeOptions,
  type MergeProblem,
  type MergeResult,
  type MergeWarning,
} from './merge';
export type { DiffLine } from './line-diff';
