/**
 * The checks to pass before applying the documents: sizes, principals,
 * IAM's grammar, placeholders, regions and keys, in plain words. Pure.
 *
 * Sources: the rules file's sections 4 and 6;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html (bucket policy size).
 */
import type { AnswerField, Answers } from './answers';
import { iamPolicyName, keyArnFor } from './apply';
import { type NeededDocument, PLACEHOLDER_FIELDS } from './build';
import { VPC_ONLY_BUCKET } from './companion-rules';
import { asList, type Principal, LIMITS } from './document';
import { DOCUMENT_FACTS, type DocumentId } from './document-facts';
import { IAM_CHARACTERS, keyArnAnswer, KIND_FACTS } from './export-facts';
import { ANSWER_MEANING, ANSWER_PLACEHOLDER } from './export-text';
import { PARTITION_NOTES, PERSONALIZE_REGIONS } from './partitions';
import { capitalized, listInProse, withThousands } from './prose';
import {
  ACCOUNT_ID,
  bucketNameWarning,
  keyRegionWarning,
  parseKeyArn,
  parseRoleArn,
  ROOT_ARN,
  SERVICE_PRINCIPAL_SHAPE,
} from './validate';

/** `error` blocks applying (fix it first); `warning` is worth a look; `ok` passed. */
export type CheckLevel = 'ok' | 'warning' | 'error';

/** A check's level, or `missing`: an answer not given yet, which only fills placeholders. */
export type PreflightLevel = CheckLevel | 'missing';

export interface Check {
  /** A stable identifier, such as `size:key-policy` or `missing:bucketName`. */
  id: string;
  level: CheckLevel;
  message: string;
  /** The answer fields the check is about, for a link to them. */
  fields?: AnswerField[];
}

/** An answer not given yet: the documents show its placeholder until it is. Not an error. */
interface MissingAnswer {
  /** `missing:` and the field, such as `missing:bucketName`. */
  id: string;
  level: 'missing';
  message: string;
  /** The answer fields to fill. */
  fields: AnswerField[];
  /** The documents they complete. */
  documents: DocumentId[];
}

/** What the review step lists before applying: checks, then answers not given yet. */
export type PreflightItem = Check | MissingAnswer;

function sizeCheck(
  id: string,
  what: string,
  size: number,
  limit: number,
  unit: string,
  note = '',
): Check {
  return size <= limit
    ? {
        id,
        level: 'ok',
        message: `${what}: ${withThousands(size)} of at most ${withThousands(limit)} ${unit}.${note}`,
      }
    : {
        id,
        level: 'error',
        message: `${what}: ${withThousands(size)} ${unit}, more than the ${withThousands(limit)} AWS accepts. Remove statements or split it.`,
      };
}

function sizeChecks(documents: readonly NeededDocument[]): Check[] {
  const checks = documents.flatMap((document): Check[] => {
    const sizeLimit = KIND_FACTS[document.kind].sizeLimit;
    if (sizeLimit === undefined) return [];
    const { limit, measured } = sizeLimit;
    return [
      sizeCheck(
        `size:${document.id}`,
        document.title,
        measured.measure(document.json),
        limit,
        measured.unit,
      ),
    ];
  });
  // IAM limits the role's inline policies together, not one by one.
  const inline = documents.filter((document) => document.kind === 'iam-policy');
  if (inline.length > 0) {
    checks.push(
      sizeCheck(
        'size:role-inline-policies',
        `The service role’s inline policies together (${inline.map(iamPolicyName).join(', ')})`,
        inline.reduce((sum, document) => sum + IAM_CHARACTERS.measure(document.json), 0),
        LIMITS.inlineRolePolicyChars,
        IAM_CHARACTERS.unit,
        ' Other inline policies of the role count towards the same limit.',
      ),
    );
  }
  return checks;
}

function awsPrincipalProblem(value: string, answers: Answers): string | undefined {
  if (ACCOUNT_ID.test(value)) return undefined;
  const root = ROOT_ARN.exec(value);
  const role = root ? undefined : parseRoleArn(value);
  if (role && !role.ok) return `${value} is not a role ARN: ${role.message}`;
  const partition = root ? root[1] : role?.role.partition;
  if (partition !== answers.partition) {
    return `${value} is in the ${partition ?? 'unknown'} partition, not ${answers.partition}`;
  }
  return undefined;
}

function principalProblems(answers: Answers, document: NeededDocument): string[] {
  // Placeholders of answers not given yet are reported as missing answers.
  const placeholders = document.placeholders.map((field) => ANSWER_PLACEHOLDER[field] ?? field);
  return document.policy.Statement.flatMap((statement) => {
    const principal: Principal | '*' | undefined = statement.Principal;
    if (principal === undefined) return [];
    if (principal === '*') return [`${document.title} allows everyone ("Principal": "*")`];
    const aws = asList(principal.AWS).flatMap((value) => {
      if (placeholders.some((placeholder) => value.includes(placeholder))) return [];
      if (value === '*') return [`${document.title} allows every AWS account ("AWS": "*")`];
      const problem = awsPrincipalProblem(value, answers);
      return problem === undefined ? [] : [`in the ${document.title}, ${problem}`];
    });
    const services = asList(principal.Service).flatMap((value) =>
      SERVICE_PRINCIPAL_SHAPE.test(value)
        ? []
        : [`in the ${document.title}, ${value} is not a service principal`],
    );
    return [...aws, ...services];
  });
}

function principalChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  const withPrincipals = documents.filter((document) =>
    document.policy.Statement.some((statement) => statement.Principal !== undefined),
  );
  if (withPrincipals.length === 0) return [];
  const problems = withPrincipals.flatMap((document) => principalProblems(answers, document));
  return [
    problems.length === 0
      ? {
          id: 'principals',
          level: 'ok',
          message: 'Every principal is a well-formed role ARN, account or service.',
        }
      : {
          id: 'principals',
          level: 'error',
          message: `Fix these principals before applying: ${problems.join('; ')}.`,
        },
  ];
}

/** IAM's own grammar: alphanumeric Sids in IAM policies, and no Resource in a trust policy. */
function iamGrammarChecks(documents: readonly NeededDocument[]): Check[] {
  const iam = documents.filter((document) => KIND_FACTS[document.kind].iamGrammar);
  if (iam.length === 0) return [];
  const badSids = iam.flatMap((document) =>
    document.policy.Statement.flatMap((statement) =>
      statement.Sid !== undefined && !/^[A-Za-z0-9]*$/.test(statement.Sid)
        ? [`"${statement.Sid}" (${document.title})`]
        : [],
    ),
  );
  const checks: Check[] = [
    badSids.length === 0
      ? {
          id: 'sids',
          level: 'ok',
          message: 'Statement IDs in the IAM policies use letters and digits only.',
        }
      : {
          id: 'sids',
          level: 'error',
          message: `IAM accepts only letters and digits in a statement ID (Sid): change ${badSids.join(', ')}.`,
        },
  ];
  const trustWithResource = documents.filter(
    (document) =>
      document.kind === 'trust-policy' &&
      document.policy.Statement.some((statement) => statement.Resource !== undefined),
  );
  if (trustWithResource.length > 0) {
    checks.push({
      id: 'trust-resource',
      level: 'error',
      message: `IAM refuses a trust policy with a Resource element: remove it from ${trustWithResource.map((d) => d.title).join(', ')}.`,
    });
  }
  return checks;
}

/**
 * One `missing` check per answer a document shows a placeholder for (as its
 * builder recorded it), with the documents it completes, in the order the
 * wizard asks them.
 */
function missingAnswerChecks(documents: readonly NeededDocument[]): MissingAnswer[] {
  return PLACEHOLDER_FIELDS.flatMap((field): MissingAnswer[] => {
    const completes = documents.filter((document) => document.placeholders.includes(field));
    if (completes.length === 0) return [];
    const titles = completes.map((document) => DOCUMENT_FACTS[document.id].title);
    return [
      {
        id: `missing:${field}`,
        level: 'missing',
        message: `Not answered yet: ${ANSWER_MEANING[field] ?? field}. ${capitalized(listInProse(titles.map((title) => `the ${title}`)))} ${titles.length === 1 ? 'shows' : 'show'} ${ANSWER_PLACEHOLDER[field] ?? field} until it is given.`,
        fields: [field],
        documents: completes.map((document) => document.id),
      },
    ];
  });
}

function regionChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  const regions: readonly string[] = PERSONALIZE_REGIONS[answers.partition];
  let region: Check[];
  if (answers.region === '') {
    // Without a region, only keys with an ARN had a region to compare it with.
    const keys = documents.filter(
      (document) => document.kind === 'key-policy' && document.key?.arn !== '',
    );
    region =
      keys.length === 0
        ? []
        : [
            {
              id: 'region',
              level: 'warning',
              message: `No region given, so the keys’ regions cannot be compared with Personalize’s. Choose the region of your Personalize resources (${regions.join(', ')}).`,
              fields: ['region'],
            },
          ];
  } else if (regions.includes(answers.region)) {
    region = [
      {
        id: 'region',
        level: 'ok',
        message: `Amazon Personalize runs in ${answers.region}.`,
      },
    ];
  } else {
    region = [
      {
        id: 'region',
        level: 'error',
        message: `Amazon Personalize does not run in ${answers.region} in the ${answers.partition} partition. Choose one of: ${regions.join(', ')}.`,
        fields: ['region'],
      },
    ];
  }
  const note = PARTITION_NOTES[answers.partition];
  const partition: Check =
    note === undefined
      ? {
          id: 'partition',
          level: 'ok',
          message: `Amazon Personalize runs in the ${answers.partition} partition.`,
        }
      : { id: 'partition', level: 'warning', message: note };
  return [...region, partition];
}

function keyCheck(answers: Answers, document: NeededDocument): Check {
  const id = `key:${document.id}`;
  const arn = keyArnFor(document);
  const key = parseKeyArn(arn);
  if (!key) {
    return {
      id,
      level: 'warning',
      message: `No key ARN given for the ${document.title}, so its region cannot be checked; the commands show ${arn} instead.`,
      // The answer that gives this key's ARN, for a link to it.
      fields: [keyArnAnswer(document.id)].filter((field) => field !== undefined),
    };
  }
  if (key.partition !== answers.partition) {
    return {
      id,
      level: 'error',
      message: `The key ${arn} is in the ${key.partition} partition, but the role is in ${answers.partition}.`,
    };
  }
  if (answers.region !== '' && key.region !== answers.region) {
    return {
      id,
      level: 'error',
      message: `The key ${arn} is in ${key.region}, but your Personalize resources are in ${answers.region}. KMS keys are regional: use a key in ${answers.region}.`,
    };
  }
  const warning = keyRegionWarning(key);
  if (warning !== undefined) return { id, level: 'warning', message: warning };
  return {
    id,
    level: 'ok',
    message: `The key for the ${document.title} is in ${key.region}, account ${key.accountId}.`,
  };
}

function bucketChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  const warning = bucketNameWarning(answers.bucketName);
  const name: Check[] =
    warning === undefined
      ? []
      : [{ id: 'bucket-name', level: 'warning', message: warning, fields: ['bucketName'] }];
  // Only when there is something to apply for a setup that uses the bucket.
  if (documents.length === 0 || answers.operations.length === 0) return name;
  return [
    ...name,
    {
      id: 'vpc-bucket',
      level: 'warning',
      message: `${VPC_ONLY_BUCKET} Check that the bucket’s policy has no statement that denies requests from outside your VPC or VPC endpoint (aws:SourceVpc, aws:SourceVpce).`,
    },
  ];
}

/**
 * What to check before applying the documents, in plain words: what blocks
 * applying (`error`), what is worth a look (`warning`), and what passed
 * (`ok`). A check that cannot apply to these documents is left out; answers
 * not given yet are not errors but missingAnswerChecks.
 */
export function preflightChecks(answers: Answers, documents: readonly NeededDocument[]): Check[] {
  return [
    ...sizeChecks(documents),
    ...principalChecks(answers, documents),
    ...iamGrammarChecks(documents),
    ...regionChecks(answers, documents),
    ...documents
      .filter((document) => document.kind === 'key-policy')
      .map((document) => keyCheck(answers, document)),
    ...bucketChecks(answers, documents),
  ];
}

/**
 * Everything the review step lists before applying: the checks
 * (preflightChecks), then the answers not given yet (missingAnswerChecks).
 */
export function preflight(answers: Answers, documents: readonly NeededDocument[]): PreflightItem[] {
  return [...preflightChecks(answers, documents), ...missingAnswerChecks(documents)];
}
