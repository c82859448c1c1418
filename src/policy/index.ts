/** The pure policy builder: the only entry point the rest of the app imports. */
export {
  answersSchema,
  CURRENT_GUIDE_ONLY,
  DEFAULT_ANSWERS,
  GUIDE_EDITIONS,
  KEY_LAYOUTS,
  missingAnswers,
  OPERATIONS,
  PARTITIONS,
  parseAnswers,
  salvageAnswers,
  type AnswerField,
  type Answers,
  type Finding,
  type GuideEdition,
  type KeyLayout,
  type Operation,
  type ParsedAnswers,
  type Partition,
} from './answers';
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
  type Source,
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
export { PARTITION_NOTES, PERSONALIZE_REGIONS, SERVICE_PRINCIPAL } from './partitions';
export {
  CURRENT_GUIDE_WARNING,
  GUIDE_EDITION_INFO,
  GUIDE_URL,
  KMS_ACTION_PURPOSE,
  KMS_ACTIONS,
  OPERATION_INFO,
  ROOT_STATEMENT,
  RULES,
  SIDS,
  type KmsAction,
  type Rule,
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
export { applyInstructions, INLINE_POLICY_NAME, type ApplyInstructions } from './apply';
export { compareEditions, type EditionComparison } from './editions';
