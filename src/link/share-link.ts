/**
 * The share link, format version 1: the wizard's answers and current step as
 * a URL query string, and back. See docs/share-link.md for the format.
 *
 * Every link is untrusted. The decoder reads each parameter on its own, checks
 * it with the answers schema, drops a value the schema rejects (the default
 * stays), says why in a notice, and never throws. Like nuqs, each parameter is
 * one read/write pair in a table, and values equal to the default are left out.
 */
import {
  answersSchema,
  cleanAnswer,
  DEFAULT_ANSWERS,
  OPERATIONS,
  salvageAnswers,
  TEXT_FIELDS,
  type AnswerField,
  type Answers,
  type Operation,
  type TextField,
} from '../policy';

export const SHARE_LINK_VERSION = 1;

export const STEP_IDS = ['operations', 'encryption', 'role', 'review', 'check'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const DEFAULT_STEP: StepId = 'operations';

/** Longer values and queries are not read (a link is no place for megabytes). */
export const SHARE_LINK_LIMITS = Object.freeze({ valueLength: 2048, queryLength: 8192 });

/** Something in a link that was not used as it stood, in words a person can act on. */
export interface LinkNotice {
  /** The query parameter, e.g. `account`; `(link)` for the link as a whole. */
  param: string;
  message: string;
}

export interface ShareLinkState {
  answers: Answers;
  step: StepId;
}

export interface DecodedShareLink extends ShareLinkState {
  notices: LinkNotice[];
}

/** The `param` of notices about the whole link rather than one parameter. */
export const WHOLE_LINK = '(link)';

// ---------------------------------------------------------------------------
// The parameter table

/** What reading one value gave: the value to use, if any, and what was wrong. */
interface Reading<T> {
  value?: T;
  problems: string[];
  /** What was cleaned in a value that was then used, in the cleaner's own words. */
  cleaned?: string;
}

interface ParamSpec<T> {
  /** The query parameter's name. */
  name: string;
  /** The answers it carries; cross-field findings on them are reported under its name. */
  fields: readonly AnswerField[];
  default: T;
  get: (state: ShareLinkState) => T;
  set: (state: ShareLinkState, value: T) => ShareLinkState;
  /** Reads a decoded, non-empty value; `raw` is the value as the link spells it. */
  read: (text: string, raw: string) => Reading<T>;
  /** Writes the value as plain text; percent-encoding happens later. */
  write: (value: T) => string;
  /** What a valid value looks like: said instead of a message that would repeat the link's text. */
  expects: string;
}

/** A table row with its value type erased, so rows of different types fit in one array. */
interface LinkParam {
  name: string;
  fields: readonly AnswerField[];
  expects: string;
  /** The text to put in the link, or `undefined` when the value is the default. */
  write: (state: ShareLinkState) => string | undefined;
  read: (
    text: string,
    raw: string,
    state: ShareLinkState,
  ) => { state: ShareLinkState; problems: string[]; cleaned?: string };
  reset: (state: ShareLinkState) => ShareLinkState;
}

function defineParam<T>(spec: ParamSpec<T>): LinkParam {
  const defaultText = spec.write(spec.default);
  return {
    name: spec.name,
    fields: spec.fields,
    expects: spec.expects,
    write: (state) => {
      const text = spec.write(spec.get(state));
      return text === defaultText ? undefined : text;
    },
    read: (text, raw, state) => {
      const reading = spec.read(text, raw);
      return {
        state: reading.value === undefined ? state : spec.set(state, reading.value),
        problems: reading.problems,
        cleaned: reading.cleaned,
      };
    },
    reset: (state) => spec.set(state, spec.default),
  };
}

function withAnswer<K extends AnswerField>(answers: Answers, field: K, value: Answers[K]): Answers {
  return { ...answers, [field]: value };
}

/** The answers whose values are strings: each is one parameter checked by its field schema. */
type StringField = {
  [K in AnswerField]: Answers[K] extends string ? K : never;
}[AnswerField];

function isTextField(field: StringField): field is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(field);
}

/**
 * The value cleaned as the form cleans it (spaces around it, dashes in an
 * account ID), with what was cleaned as a notice. A + in a link stands for a
 * space, but whoever wrote MyRole+ by hand meant a plus sign: trimming it would
 * give another valid name, so a value with + is checked as it stands.
 */
function cleanLinkValue(field: StringField, text: string, raw: string) {
  return isTextField(field) && !raw.includes('+') ? cleanAnswer(field, text) : { value: text };
}

function answerParam(name: string, field: StringField, expects: string): LinkParam {
  return defineParam<string>({
    name,
    fields: [field],
    default: DEFAULT_ANSWERS[field],
    get: (state) => state.answers[field],
    set: (state, value) => ({ ...state, answers: withAnswer(state.answers, field, value) }),
    read: (text, raw) => {
      const { value, cleaned } = cleanLinkValue(field, text, raw);
      // The field's own schema: the same rules, and the same words, as the form.
      const result = answersSchema.shape[field].safeParse(value);
      if (!result.success) return { problems: [result.error.issues[0]?.message ?? expects] };
      return typeof result.data === 'string'
        ? { value: result.data, problems: [], cleaned }
        : { problems: [expects] };
    },
    write: (value) => value,
    expects,
  });
}

/** Reads a comma list of known words: unknown and repeated items are left out, the rest kept. */
function readList<T extends string>(text: string, allowed: readonly T[]): Reading<T[]> {
  const items = text.split(',').filter((item) => item !== '');
  const chosen = allowed.filter((word) => items.includes(word));
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item)).length;
  const repeated = items.length - unknown - chosen.length;
  const problems: string[] = [];
  if (unknown > 0) {
    problems.push(
      `${unknown === 1 ? 'One item is' : `${unknown} items are`} not one of ${allowed.join(', ')}, so ${unknown === 1 ? 'it was' : 'they were'} left out.`,
    );
  }
  if (repeated > 0) problems.push('An item listed more than once counts once.');
  // Canonical order, so the same choices always make the same link.
  return { value: chosen, problems };
}

const ENCRYPTED_PARTS = ['bucket', 'dataset-group'] as const;
type EncryptedPart = (typeof ENCRYPTED_PARTS)[number];

/** Opt-in hardening, a list so that later options fit the same parameter. */
const HARDENINGS = ['confused-deputy'] as const;
type Hardening = (typeof HARDENINGS)[number];

function isStepId(text: string): text is StepId {
  return (STEP_IDS as readonly string[]).includes(text);
}

/**
 * Format version 1, in the order the parameters appear in a link. A new
 * parameter is one more row; a row's values must stay readable by this version.
 */
const PARAMS: readonly LinkParam[] = [
  answerParam('guide', 'guide', 'Either 2023-01 (the default) or current.'),
  defineParam<Operation[]>({
    name: 'ops',
    fields: ['operations'],
    default: [],
    get: (state) => state.answers.operations,
    set: (state, value) => ({ ...state, answers: { ...state.answers, operations: [...value] } }),
    read: (text) => readList(text, OPERATIONS),
    write: (value) => OPERATIONS.filter((op) => value.includes(op)).join(','),
    expects: `A comma list of ${OPERATIONS.join(', ')}.`,
  }),
  defineParam<EncryptedPart[]>({
    name: 'enc',
    fields: ['bucketEncrypted', 'datasetGroupEncrypted'],
    default: [],
    get: ({ answers }) =>
      ENCRYPTED_PARTS.filter((part) =>
        part === 'bucket' ? answers.bucketEncrypted : answers.datasetGroupEncrypted,
      ),
    set: (state, value) => ({
      ...state,
      answers: {
        ...state.answers,
        bucketEncrypted: value.includes('bucket'),
        datasetGroupEncrypted: value.includes('dataset-group'),
      },
    }),
    read: (text) => readList(text, ENCRYPTED_PARTS),
    write: (value) => ENCRYPTED_PARTS.filter((part) => value.includes(part)).join(','),
    expects: `A comma list of ${ENCRYPTED_PARTS.join(', ')}.`,
  }),
  answerParam('keys', 'keys', 'Either same or separate.'),
  answerParam('account', 'accountId', 'An account ID is 12 digits, such as 111122223333.'),
  answerParam(
    'role',
    'roleName',
    'A role name uses only letters, digits and _+=,.@- (at most 64 characters).',
  ),
  answerParam(
    'path',
    'rolePath',
    'A role path starts and ends with a slash, such as / or /service-role/.',
  ),
  answerParam('partition', 'partition', 'Either aws or aws-cn.'),
  answerParam(
    'key',
    'keyArn',
    'A key ARN looks like arn:aws:kms:us-east-1:111122223333:key/ followed by the key ID.',
  ),
  answerParam(
    'dataset-group-key',
    'datasetGroupKeyArn',
    'A key ARN looks like arn:aws:kms:us-east-1:111122223333:key/ followed by the key ID.',
  ),
  answerParam(
    'bucket',
    'bucketName',
    'A bucket name has 3 to 63 lowercase letters, digits, dots and hyphens.',
  ),
  answerParam('region', 'region', 'A region where Personalize runs, such as us-east-1.'),
  defineParam<Hardening[]>({
    name: 'hardening',
    fields: ['confusedDeputy'],
    default: [],
    get: ({ answers }) => (answers.confusedDeputy ? ['confused-deputy'] : []),
    set: (state, value) => ({
      ...state,
      answers: { ...state.answers, confusedDeputy: value.includes('confused-deputy') },
    }),
    read: (text) => readList(text, HARDENINGS),
    write: (value) => HARDENINGS.filter((option) => value.includes(option)).join(','),
    expects: `A comma list of ${HARDENINGS.join(', ')}.`,
  }),
  defineParam<StepId>({
    name: 'step',
    fields: [],
    default: DEFAULT_STEP,
    get: (state) => state.step,
    set: (state, step) => ({ ...state, step }),
    read: (text) =>
      isStepId(text)
        ? { value: text, problems: [] }
        : {
            problems: [`The step is one of ${STEP_IDS.join(', ')}; the wizard opens at the first.`],
          },
    write: (value) => value,
    expects: `One of ${STEP_IDS.join(', ')}.`,
  }),
];

const VERSION_PARAM = 'v';
const KNOWN_NAMES: ReadonlySet<string> = new Set([VERSION_PARAM, ...PARAMS.map((p) => p.name)]);

// ---------------------------------------------------------------------------
// Encoding

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const KEPT_READABLE: Readonly<Record<string, string>> = { '%2C': ',', '%2F': '/', '%3A': ':' };

/**
 * Percent-encodes a value for the query. `,` `/` `:` stay as they are (they are
 * allowed in a query and keep ARNs and paths readable); `!'()*` are encoded as
 * well, because some chat apps and mail clients end a link at them.
 */
function encodeValue(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2C|%2F|%3A/g, (escape) => KEPT_READABLE[escape] ?? escape);
}

/**
 * The query string, with its leading `?`, for these answers and step: `v=1`
 * first, then only the values that differ from the defaults, in table order.
 * It writes what it is given; the decoder is where values are checked.
 */
export function encodeShareLink(answers: Answers, step: StepId): string {
  const state: ShareLinkState = { answers, step };
  const pairs = [`${VERSION_PARAM}=${SHARE_LINK_VERSION}`];
  for (const param of PARAMS) {
    const text = param.write(state);
    if (text !== undefined) pairs.push(`${param.name}=${encodeValue(text)}`);
  }
  return `?${pairs.join('&')}`;
}

// ---------------------------------------------------------------------------
// Decoding

/** Decodes like URLSearchParams (`+` is a space), but reports broken escapes instead of guessing. */
function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/** Parts of a value a message may repeat: short lowercase words such as a partition or service name. */
const SAFE_ECHO = /^[a-z0-9-]{1,32}$/;

/** The message, unless it repeats a piece of the link's text that is not short and plain. */
function withoutEcho(message: string, value: string, expects: string): string {
  const echoes = value
    .split(/[:/,]/)
    .some((part) => part !== '' && !SAFE_ECHO.test(part) && message.includes(part));
  return echoes ? expects : message;
}

const PLUS_HINT = ' (In a link, + stands for a space; a plus sign is written %2B.)';

/** The raw (still encoded) values of each known parameter, in link order. */
function collectParams(query: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const name = decodeComponent(equals === -1 ? piece : piece.slice(0, equals));
    // Unknown parameters belong to someone else (or a later version): ignored silently.
    if (name === undefined || !KNOWN_NAMES.has(name)) continue;
    const raw = equals === -1 ? '' : piece.slice(equals + 1);
    const values = found.get(name);
    if (values) values.push(raw);
    else found.set(name, [raw]);
  }
  return found;
}

/** The decoded first value of a parameter, or `undefined` when it is absent or unusable. */
function takeValue(
  name: string,
  found: Map<string, string[]>,
  notices: LinkNotice[],
): { text: string; raw: string } | undefined {
  const values = found.get(name);
  const raw = values?.[0];
  if (values === undefined || raw === undefined) return undefined;
  if (values.length > 1) {
    notices.push({
      param: name,
      message: `This parameter appears ${values.length} times; only the first value was used.`,
    });
  }
  if (raw.length > SHARE_LINK_LIMITS.valueLength) {
    notices.push({
      param: name,
      message: `The value is longer than ${SHARE_LINK_LIMITS.valueLength} characters, so it was ignored.`,
    });
    return undefined;
  }
  const text = decodeComponent(raw);
  if (text === undefined) {
    notices.push({
      param: name,
      message:
        'The value is not correctly encoded (each % must start a valid %XX escape), so it was ignored.',
    });
    return undefined;
  }
  return { text, raw };
}

function readVersion(found: Map<string, string[]>, notices: LinkNotice[]): void {
  const value = takeValue(VERSION_PARAM, found, notices);
  // No version (or an empty one) is read as version 1.
  if (value === undefined || value.text === '') return;
  const { text } = value;
  if (!/^\d{1,9}$/.test(text)) {
    notices.push({
      param: VERSION_PARAM,
      message: `The link format version is a whole number, such as ${SHARE_LINK_VERSION}; the link was read as version ${SHARE_LINK_VERSION}.`,
    });
  } else if (Number(text) !== SHARE_LINK_VERSION) {
    notices.push({
      param: VERSION_PARAM,
      message: `This link was made by a different version of the wizard (link format ${Number(text)}); the parts this version understands were used. Check the answers.`,
    });
  }
}

function defaultState(): ShareLinkState {
  return { answers: { ...DEFAULT_ANSWERS, operations: [] }, step: DEFAULT_STEP };
}

/**
 * Checks the rules that span fields (a key's partition against the role's) and
 * resets each answer that still fails to its default, with a notice.
 */
function settleAnswers(start: ShareLinkState, notices: LinkNotice[]): ShareLinkState {
  const salvaged = salvageAnswers(start.answers);
  for (const finding of salvaged.findings) {
    const { field } = finding;
    const param =
      field === undefined
        ? undefined
        : PARAMS.find((p) => (p.fields as readonly string[]).includes(field));
    const value = field === undefined ? '' : String(start.answers[field]);
    notices.push({
      param: param?.name ?? WHOLE_LINK,
      message: withoutEcho(finding.message, value, param?.expects ?? 'This answer is not valid.'),
    });
  }
  if (!salvaged.restarted) return { answers: salvaged.answers, step: start.step };
  notices.push({
    param: WHOLE_LINK,
    message: 'The answers in this link do not fit together, so the wizard starts afresh.',
  });
  return defaultState();
}

function decode(search: string): DecodedShareLink {
  const notices: LinkNotice[] = [];
  let query = typeof search === 'string' ? search : '';
  if (query.startsWith('?')) query = query.slice(1);

  const limit = SHARE_LINK_LIMITS.queryLength;
  if (query.length > limit) {
    const head = query.slice(0, limit);
    // A parameter cut in two could still look valid (a shorter role name), so it is left out.
    query = query[limit] === '&' ? head : head.slice(0, Math.max(0, head.lastIndexOf('&')));
    notices.push({
      param: WHOLE_LINK,
      message: `The link is longer than ${limit} characters; only the parameters in its first ${limit} were read.`,
    });
  }

  const found = collectParams(query);
  readVersion(found, notices);

  let state = defaultState();
  for (const param of PARAMS) {
    const value = takeValue(param.name, found, notices);
    // An empty value (`account=`) means the default, like a field left blank.
    if (value === undefined || value.text === '') continue;
    const result = param.read(value.text, value.raw, state);
    state = result.state;
    // A fixed sentence, which repeats nothing of the link.
    if (result.cleaned !== undefined) notices.push({ param: param.name, message: result.cleaned });
    const hint = value.raw.includes('+') ? PLUS_HINT : '';
    for (const problem of result.problems) {
      notices.push({
        param: param.name,
        message: withoutEcho(problem, value.text, param.expects) + hint,
      });
    }
  }

  const settled = settleAnswers(state, notices);
  return { ...settled, notices };
}

/**
 * Reads a query string (with or without its leading `?`) from any source.
 * Unknown parameters are ignored; an invalid value is dropped, its default
 * kept and a notice added; everything else in the link still applies.
 * Never throws.
 */
export function decodeShareLink(search: string): DecodedShareLink {
  try {
    return decode(search);
  } catch {
    // Unreachable as far as the tests can tell; a link must never break the page.
    return {
      ...defaultState(),
      notices: [
        { param: WHOLE_LINK, message: 'This link could not be read, so the wizard starts afresh.' },
      ],
    };
  }
}
