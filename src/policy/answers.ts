/**
 * The answers a team gives the wizard, and the one schema that validates them.
 *
 * The same schema feeds the form resolver, the share-link decoder and the
 * builder, so a value that passes here is safe to put in a policy.
 * Empty strings mean "not answered yet": the builder shows the guide's
 * placeholders for them instead of a value.
 */
import * as z from 'zod/mini';

import { lengthProblem, type TextField } from './clean';
import { GUIDE_EDITIONS, OPERATIONS } from './operations';
import { PARTITIONS, PERSONALIZE_REGIONS } from './partitions';
import { CURRENT_GUIDE_ONLY, OPERATION_INFO } from './rules';
import {
  accountIdProblem,
  bucketNameProblem,
  keyArnProblem,
  parseKeyArn,
  regionProblem,
  roleNameProblem,
  rolePathProblem,
} from './validate';

export { GUIDE_EDITIONS, OPERATIONS, type GuideEdition, type Operation } from './operations';

export const KEY_LAYOUTS = ['same', 'separate'] as const;
export type KeyLayout = (typeof KEY_LAYOUTS)[number];

/** A string checked by a function that explains what is wrong in plain words. */
function explainedString(problem: (value: string) => string | undefined) {
  return z.string().check(
    z.superRefine((value, ctx) => {
      const message = problem(value);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
    }),
  );
}

/**
 * A text answer: the field's own rule, then AWS's length limit, so that no
 * longer text passes even where the rule does not count characters. Blank
 * means "not answered yet" unless `required`.
 */
function textAnswer(
  field: TextField,
  problem: (value: string) => string | undefined,
  required = false,
) {
  return explainedString((value) =>
    value === '' && !required ? undefined : (problem(value) ?? lengthProblem(field, value)),
  );
}

export const answersSchema = z
  .object({
    /** Which edition of the guide the documents follow. */
    guide: z.enum(GUIDE_EDITIONS, 'Choose the 2023-01 or the current guide.'),
    /** Personalize operations the team runs. */
    operations: z
      .array(z.enum(OPERATIONS, 'Choose operations from the list.'))
      .check(
        z.refine((ops) => new Set(ops).size === ops.length, 'Each operation may be chosen once.'),
      ),
    /** The S3 bucket holding the data is encrypted with a customer managed KMS key. */
    bucketEncrypted: z.boolean(),
    /** The dataset group was created with a KMS key (CreateDatasetGroup kmsKeyArn). */
    datasetGroupEncrypted: z.boolean(),
    /** When both are encrypted: one key for both, or one key each. */
    keys: z.enum(KEY_LAYOUTS, 'Choose "same" or "separate".'),
    accountId: textAnswer('accountId', accountIdProblem),
    roleName: textAnswer('roleName', roleNameProblem),
    rolePath: textAnswer('rolePath', rolePathProblem, true),
    partition: z.enum(PARTITIONS, 'Choose the aws or aws-cn partition.'),
    /** The KMS key: the only one, or the bucket's key when separate keys are used. */
    keyArn: textAnswer('keyArn', keyArnProblem),
    /** The dataset group's key, only when the bucket and the dataset group use separate keys. */
    datasetGroupKeyArn: textAnswer('datasetGroupKeyArn', keyArnProblem),
    /** The S3 bucket Personalize reads and writes, for the companion documents. */
    bucketName: textAnswer('bucketName', bucketNameProblem),
    /** The region of the Personalize resources, for the trust policy's conditions. */
    region: textAnswer('region', regionProblem),
    /**
     * Opt-in, untested hardening: confused-deputy conditions (aws:SourceAccount,
     * aws:SourceArn) on the Personalize service principal in the key and bucket
     * policies too, not only in the trust policy where AWS shows them.
     */
    confusedDeputy: z.boolean(),
  })
  .check(
    z.superRefine((answers, ctx) => {
      const regions: readonly string[] = PERSONALIZE_REGIONS[answers.partition];
      if (answers.region !== '' && !regions.includes(answers.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['region'],
          message: `Amazon Personalize does not run in that region in the ${answers.partition} partition. Choose one of: ${regions.join(', ')}.`,
          input: answers.region,
        });
      }
      if (answers.guide !== 'current') {
        const index = answers.operations.findIndex((op) => CURRENT_GUIDE_ONLY.includes(op));
        const operation = answers.operations[index];
        if (operation !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['operations', index],
            message: `${OPERATION_INFO[operation].label} are covered by the current guide only; choose that edition to include them.`,
            input: operation,
          });
        }
      }
      for (const field of ['keyArn', 'datasetGroupKeyArn'] as const) {
        const arn = parseKeyArn(answers[field]);
        if (arn && arn.partition !== answers.partition) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `This key is in the ${arn.partition} partition, but the role is in ${answers.partition}. Choose the key’s partition or a key from the role’s partition.`,
            input: answers[field],
          });
        }
      }
    }),
  );

export type Answers = z.infer<typeof answersSchema>;
export type AnswerField = keyof Answers;

export const DEFAULT_ANSWERS: Readonly<Answers> = Object.freeze({
  guide: '2023-01',
  operations: [],
  bucketEncrypted: false,
  datasetGroupEncrypted: false,
  keys: 'same',
  accountId: '',
  roleName: '',
  rolePath: '/',
  partition: 'aws',
  keyArn: '',
  datasetGroupKeyArn: '',
  bucketName: '',
  region: '',
  confusedDeputy: false,
});

/** A problem with one answer: where it is and what a person should do about it. */
export interface Finding {
  /** Where in the answers, e.g. `accountId` or `operations.1`. */
  path: string;
  /** The answer the finding is about, if it is about one. */
  field: AnswerField | undefined;
  message: string;
}

function isAnswerField(name: unknown): name is AnswerField {
  return typeof name === 'string' && Object.hasOwn(DEFAULT_ANSWERS, name);
}

export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; findings: Finding[] };

/** Validates untrusted answers (from a form, a link or a paste). Never throws. */
export function parseAnswers(input: unknown): ParsedAnswers {
  const result = answersSchema.safeParse(input);
  if (result.success) return { ok: true, answers: result.data };
  return {
    ok: false,
    findings: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(answers)',
      field: isAnswerField(issue.path[0]) ? issue.path[0] : undefined,
      message: issue.message,
    })),
  };
}

/** What salvageAnswers returns: the answers it kept, and why it set the rest aside. */
export interface Salvaged {
  answers: Answers;
  /** Every problem found, in the order the answers were set aside. */
  findings: Finding[];
  /** True when nothing could be kept and every answer is back at its default. */
  restarted: boolean;
}

/**
 * Keeps every valid answer and resets each invalid one to its default, so a
 * live preview can show placeholders where the user is still typing something
 * wrong. The findings say which answers were set aside.
 */
export function salvageAnswers(input: unknown): Salvaged {
  const parsed = parseAnswers(input);
  if (parsed.ok) return { answers: parsed.answers, findings: [], restarted: false };
  const source: Record<string, unknown> =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const candidate: Record<string, unknown> = { ...DEFAULT_ANSWERS };
  for (const field of Object.keys(DEFAULT_ANSWERS)) {
    if (Object.hasOwn(source, field)) candidate[field] = source[field];
  }
  // Resetting one answer can make another fail (a key ARN that fitted the
  // partition that was reset), so repeat until what is left is valid. Each
  // round resets at least one more field, so this ends.
  const findings: Finding[] = [];
  let result: ParsedAnswers = parsed;
  for (let round = 0; !result.ok && round <= Object.keys(DEFAULT_ANSWERS).length; round += 1) {
    findings.push(...result.findings);
    for (const finding of result.findings) {
      const { field } = finding;
      const item = finding.path.split('.')[1];
      if (field === 'operations' && item !== undefined && Array.isArray(candidate.operations)) {
        // Only the operation that does not fit goes.
        const dropped: unknown = (candidate.operations as unknown[])[Number(item)];
        candidate.operations = (candidate.operations as unknown[]).filter((op) => op !== dropped);
      } else if (field !== undefined) {
        candidate[field] = DEFAULT_ANSWERS[field];
      }
    }
    result = parseAnswers(candidate);
  }
  return result.ok
    ? { answers: result.answers, findings, restarted: false }
    : { answers: { ...DEFAULT_ANSWERS }, findings, restarted: true };
}
