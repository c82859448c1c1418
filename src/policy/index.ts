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
  CLEANABLE_FACTOR,
  cleanAnswer,
  TEXT_FIELDS,
  type CleanedAnswer,
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
  partitionOfRegion,
  PERSONALIZE_REGIONS,
  REGION_PARTITIONS,
  SERVICE_PRINCIPAL,
  WHERE_PERSONALIZE_RUNS,
  type Partition,
} from './partitions';
export {
  CONFUSED_DEPUTY,
  CURRENT_GUIDE_ONLY,
  CURRENT_GUIDE_WARNING,
  EDITION_CORRECTIONS,
  GUIDE_EDITION_INFO,
  GUIDE_URL,
  KMS_ACTION_PURPOSE,
  KMS_ACTIONS,
  OPERATION_INFO,
  ROOT_STATEMENT,
  RULES,
  SIDS,
  type EditionCorrection,
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
export {
  applyInstructions,
  cliOption,
  getKeyPolicyCommand,
  shellQuote,
  type ApplyInstructions,
  type ApplyOptions,
} from './apply';
export { consolePath, destinationOf, DOCUMENT_FACTS, type DocumentFacts } from './document-facts';
export { missingAnswers } from './export-facts';
export {
  buildRunbook,
  mergedFileName,
  policyToPut,
  runbookFiles,
  type ExportFile,
  type ExportOptions,
} from './runbook';
export { buildCloudFormation } from './cloudformation';
export { buildTerraform } from './terraform';
export {
  missingAnswerChecks,
  preflight,
  preflightChecks,
  type Check,
  type CheckLevel,
  type MissingAnswer,
  type PreflightItem,
  type PreflightLevel,
} from './preflight';
export { compareEditions, type EditionComparison } from './editions';
export { editionGap, type EditionGap, type EditionGapDocument } from './edition-gap';
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
