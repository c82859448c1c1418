/**
 * The documents as an AWS CLI runbook (bash). Pure: answers and documents in,
 * text out. Every command that saves or puts a document comes from apply.ts,
 * so the runbook and the per-document instructions cannot drift apart; the
 * runbook writes only the account it runs in (sts get-caller-identity) and the
 * reads that tell whether a part is in place already (get-role-policy,
 * get-policy, get-policy-version).
 *
 * What the user runs never drops, weakens or loses anything:
 * - it reads the account once and applies the parts that belong to it,
 *   skipping the others and saying at the end which remain, and where, so
 *   each account's part can be run with that account's credentials;
 * - before replacing a whole policy (key, bucket, trust) it saves the current
 *   one under a name of its own (never over an earlier backup) and stops if
 *   a statement of it is missing from the file about to be put: compared as
 *   JSON with jq when it is on PATH, by Sid with grep otherwise;
 * - a part whose policy is in place already is reported, not put again;
 * - a part that still lacks an answer is skipped, with the answer it lacks,
 *   and the others still run.
 *
 * Sources: the rules file's sections 4 and 6;
 * https://docs.aws.amazon.com/cli/latest/reference/sts/get-caller-identity.html;
 * https://docs.aws.amazon.com/cli/latest/reference/iam/get-role-policy.html;
 * https://docs.aws.amazon.com/cli/latest/reference/iam/get-policy-version.html;
 * https://www.gnu.org/software/bash/manual/bash.html (set -euo pipefail).
 */
import type { AnswerField, Answers } from './answers';
import {
  accountFor,
  applyInstructions,
  bucketPolicyInstructions,
  cliOption,
  iamPolicyName,
  keyPolicyInstructions,
  managedPolicyInstructions,
  shellQuote,
  trustPolicyInstructions,
  unhandledKind,
  type WholePolicyInstructions,
} from './apply';
import { answerOr, type NeededDocument } from './build';
import { missingAnswers } from './export-facts';
import {
  ANSWER_MEANING,
  ANSWER_PLACEHOLDER,
  comment,
  describeAnswers,
  type ExportOptions,
  groupByAccount,
  heading,
  inApplyOrder,
  policyToPut,
  replacesWholePolicy,
  type ExportFile,
} from './export-text';

/**
 * The policy files the runbook reads, with their contents, in the order it
 * applies them: each document's own file, or its merged key policy's file.
 * A download of the runbook needs every one of them beside it.
 */
export function runbookFiles(
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): ExportFile[] {
  return inApplyOrder(documents).map((document) => policyToPut(document, options));
}

/** A document's part of the runbook, with the answers it still lacks (none when it can run). */
interface Part {
  document: NeededDocument;
  missing: AnswerField[];
}

/** The runbook's own functions: backups, comparisons, the summary's lists. */
const SCRIPT_FUNCTIONS = [
  '',
  '# The summary at the end lists what each part did.',
  'applied=()',
  'already=()',
  'by_hand=()',
  'scratch="$(mktemp -d)"',
  'trap \'rm -rf "$scratch"\' EXIT',
  '',
  '# The first free backup name: NAME.json, then NAME.2.json, NAME.3.json, ...',
  '# so an earlier backup is never overwritten.',
  'backup_name() {',
  '  local name="$1.json" n=2',
  '  while [[ -e "$name" ]]; do',
  '    name="$1.$n.json"',
  '    n=$((n + 1))',
  '  done',
  '  printf \'%s\\n\' "$name"',
  '}',
  '',
  '# True when two files hold the same policy: as JSON with jq (key order ignored),',
  '# else as text without whitespace.',
  'same_policy() {',
  '  [[ -s "$1" && -s "$2" ]] || return 1',
  '  if command -v jq > /dev/null 2>&1; then',
  '    jq -e -n --slurpfile a "$1" --slurpfile b "$2" \'$a == $b\' > /dev/null 2>&1',
  '  else',
  '    [[ "$(tr -d \' \\t\\r\\n\' < "$1")" == "$(tr -d \' \\t\\r\\n\' < "$2")" ]]',
  '  fi',
  '}',
  '',
  '# The Sids of a policy file, one a line (without jq).',
  'sids_of() {',
  '  { grep -o \'"Sid"[[:space:]]*:[[:space:]]*"[^"]*"\' "$1" || true; } \\',
  "    | sed -e 's/^.*:[[:space:]]*\"//' -e 's/\"$//'",
  '}',
  '',
  '# Stops unless every statement of the current policy ($1) is in the file about',
  '# to be put ($2), so that putting it drops nothing; $3 names the part.',
  'keeps_every_statement() {',
  '  local current="$1" new="$2" part="$3" lost=""',
  '  [[ -s "$current" ]] || return 0',
  '  if command -v jq > /dev/null 2>&1; then',
  '    # Each statement of the current policy that the new one lacks, compared as',
  '    # JSON (key order ignored), named by its Sid or its position.',
  '    if ! lost="$(jq -r --slurpfile new "$new" \'',
  '        def statements: (.Statement // []) | if type == "array" then . else [.] end;',
  '        ($new[0] | statements) as $kept',
  '        | statements | to_entries[]',
  '        | select(.value as $s | any($kept[]; . == $s) | not)',
  '        | if (.value | type) == "object" and (.value.Sid | type) == "string"',
  '          then "statement \\(.key + 1) (Sid \\"\\(.value.Sid)\\")"',
  '          else "statement \\(.key + 1) (no Sid)" end\' "$current")"; then',
  '      echo "Stopped before the $part: $current or $new is not a policy jq can read." >&2',
  '      exit 1',
  '    fi',
  '  else',
  '    local sid kept',
  '    kept="$(sids_of "$new")"',
  '    while IFS= read -r sid; do',
  '      [[ -z "$sid" ]] && continue',
  '      grep -qxF -- "$sid" <<< "$kept" || lost+="Sid \\"$sid\\""$\'\\n\'',
  '    done <<< "$(sids_of "$current")"',
  '  fi',
  '  if [[ -n "$lost" ]]; then',
  '    echo "Stopped before the $part: $current (its current policy) has statements" >&2',
  '    echo "that $new lacks, and putting it would drop them:" >&2',
  "    printf '%s\\n' \"$lost\" | sed -e '/^$/d' -e 's/^/  /' >&2",
  '    echo "Merge them into $new (the wizard\'s review step does this), then run this script again." >&2',
  '    exit 1',
  '  fi',
  '  if ! command -v jq > /dev/null 2>&1; then',
  '    local statements named',
  '    statements="$({ grep -o \'"Effect"\' "$current" || true; } | wc -l)"',
  '    named="$(sids_of "$current" | grep -c . || true)"',
  '    if ((statements > named)); then',
  '      echo "$current has $((statements - named)) statement(s) without a Sid. Without jq this script" >&2',
  '      echo "cannot tell whether $new keeps them: putting it may drop them, and what they" >&2',
  '      echo "allow would stop working. Install jq to compare them, or check by hand." >&2',
  '      local reply=""',
  '      read -r -p "Type DROP-UNNAMED to put $new anyway, anything else to stop: " reply || true',
  '      if [[ "$reply" != "DROP-UNNAMED" ]]; then',
  '        echo "Stopped before the $part; it was not put." >&2',
  '        exit 1',
  '      fi',
  '    fi',
  '  fi',
  '}',
];

function runbookHeader(answers: Answers, parts: readonly Part[], options: ExportOptions): string[] {
  const documents = parts.map((part) => part.document);
  const lines = [
    '#!/usr/bin/env bash',
    '# Applies the Amazon Personalize policies with the AWS CLI.',
    '# Generated by the Personalize KMS policy wizard. Run it from the folder that holds',
    '# the policy files the wizard downloads:',
    ...runbookFiles(documents, options).map((file) => `#   ${file.fileName}`),
  ];
  if (documents.length > 0) {
    lines.push(
      '#',
      ...comment(
        'Run it with credentials for each account named below: it applies the parts that belong to the account it runs in, skips the others, and ends by saying which parts are still to run, and in which account. Running it again is safe: a part already in place is reported, not put again.',
      ),
    );
  }
  if (documents.some(replacesWholePolicy)) {
    lines.push(
      '#',
      ...comment(
        'Key, bucket and trust policies are replaced as a whole: before each, the script saves the current policy (current-….json, then current-….2.json, …; a backup is never overwritten) and stops if it has a statement the new file lacks. With jq on PATH statements are compared as JSON; without it, by Sid.',
      ),
    );
  }
  if (answers.partition === 'aws-cn') {
    lines.push('# aws-cn partition: use a profile whose region is cn-north-1.');
  }
  const waiting = parts.filter((part) => part.missing.length > 0);
  if (waiting.length > 0) {
    lines.push(
      '#',
      '# SKIPPED until these answers are given (in the wizard, then download again):',
      ...waiting.flatMap(({ document, missing }) =>
        comment(
          `${document.title}: ${missing.map((field) => `${ANSWER_PLACEHOLDER[field] ?? field} (${ANSWER_MEANING[field] ?? field})`).join(', ')}`,
          2,
        ).map((line) => line.replace(/^ {2}#/, '#  ')),
      ),
    );
  }
  return lines;
}

/** Quoted for bash: the summary's and messages' names of a part. */
const say = shellQuote;

/** Saves the current policy under the first free name after the instructions' backup file. */
function saveBackup(how: WholePolicyInstructions): string {
  return `  backup="$(backup_name ${how.backup.fileName.replace(/\.json$/, '')})"`;
}

/**
 * Puts `file` unless the saved policy is the same, and only when it keeps
 * every statement of the saved one.
 */
function putUnlessInPlace(document: NeededDocument, file: string, put: string): string[] {
  return [
    `  if same_policy "$backup" ${file}; then`,
    `    already+=(${say(document.title)})`,
    '  else',
    `    keeps_every_statement "$backup" ${file} ${say(document.title)}`,
    `    ${put}`,
    `    applied+=(${say(document.title)})`,
    '  fi',
  ];
}

function keyPolicyPart(
  answers: Answers,
  document: NeededDocument,
  options: ExportOptions,
): string[] {
  const file = policyToPut(document, options).fileName;
  const how = keyPolicyInstructions(document, answers, file);
  const merged = file !== document.fileName;
  return [
    ...(merged
      ? comment(
          `${file} is the key's current policy with the Personalize statement merged in, as reviewed in the wizard's merge.`,
          2,
        )
      : comment(
          `${file} holds the account's root statement and the Personalize statement. If the key's policy has other statements, the script stops before putting it: merge the current policy in the wizard's review step, then download again.`,
          2,
        )),
    '  # put-key-policy replaces the key’s whole policy, so save the current one first.',
    saveBackup(how),
    `  ${how.backup.read} > "$backup"`,
    '  echo "Saved the key\'s current policy to $backup."',
    ...putUnlessInPlace(document, file, how.put),
  ];
}

function bucketPolicyPart(answers: Answers, document: NeededDocument): string[] {
  const how = bucketPolicyInstructions(document, answers);
  return [
    '  # put-bucket-policy replaces the bucket’s WHOLE policy, so save the current one first.',
    '  # A bucket without a policy answers NoSuchBucketPolicy, which is fine.',
    saveBackup(how),
    `  if ! ${how.backup.read} > "$backup" 2> "$scratch/error.txt"; then`,
    '    rm -f "$backup"',
    '    grep -q NoSuchBucketPolicy "$scratch/error.txt" || { cat "$scratch/error.txt" >&2; exit 1; }',
    '  else',
    '    echo "Saved the bucket\'s current policy to $backup."',
    '  fi',
    ...putUnlessInPlace(document, document.fileName, how.put),
  ];
}

function trustPolicyPart(answers: Answers, document: NeededDocument): string[] {
  const how = trustPolicyInstructions(document, answers);
  return [
    '  # update-assume-role-policy replaces the role’s whole trust policy; save the current one.',
    saveBackup(how),
    `  ${how.backup.read} > "$backup"`,
    '  echo "Saved the role\'s current trust policy to $backup."',
    ...putUnlessInPlace(document, document.fileName, how.put),
  ];
}

function inlinePolicyPart(answers: Answers, document: NeededDocument): string[] {
  const how = applyInstructions(document, answers);
  const name = iamPolicyName(document);
  return [
    ...comment(
      `The inline policy ${name} of the role ${answerOr(answers, 'roleName')} (its name, without the path); the role’s other inline policies stay.`,
      2,
    ),
    `  if aws iam get-role-policy ${cliOption('role-name', answerOr(answers, 'roleName'))} --policy-name ${name} --query PolicyDocument --output json > "$scratch/current.json" 2> /dev/null \\`,
    `    && same_policy "$scratch/current.json" ${document.fileName}; then`,
    `    already+=(${say(document.title)})`,
    '  else',
    `    ${how.put}`,
    `    applied+=(${say(document.title)})`,
    '  fi',
  ];
}

function managedPolicyPart(answers: Answers, document: NeededDocument): string[] {
  const how = managedPolicyInstructions(document, answers);
  const name = iamPolicyName(document);
  const arn = cliOption('policy-arn', how.policyArn);
  return [
    '  # A managed policy for the people and pipelines that create Personalize resources,',
    '  # NOT for the service role. When it exists already, its default version is compared.',
    `  if aws iam get-policy ${arn} --query Policy.DefaultVersionId --output text > "$scratch/version.txt" 2> /dev/null; then`,
    `    aws iam get-policy-version ${arn} --version-id="$(cat "$scratch/version.txt")" --query PolicyVersion.Document --output json > "$scratch/current.json"`,
    `    if same_policy "$scratch/current.json" ${document.fileName}; then`,
    `      already+=(${say(document.title)})`,
    '    else',
    `      by_hand+=(${say(`${document.title}: ${name} exists with another document; update it with the create-policy-version command in this script`)})`,
    '    fi',
    '  else',
    `    ${how.put}`,
    `    applied+=(${say(document.title)})`,
    '  fi',
    // What may follow, as the page words it: commented out, to run by hand.
    ...(how.then ?? []).flatMap(({ when, commands }) => [
      ...comment(when, 2),
      ...commands.map((command) => `  #   ${command}`),
    ]),
  ];
}

function partBody(answers: Answers, document: NeededDocument, options: ExportOptions): string[] {
  switch (document.kind) {
    case 'key-policy':
      return keyPolicyPart(answers, document, options);
    case 'bucket-policy':
      return bucketPolicyPart(answers, document);
    case 'trust-policy':
      return trustPolicyPart(answers, document);
    case 'iam-policy':
      return inlinePolicyPart(answers, document);
    case 'managed-policy':
      return managedPolicyPart(answers, document);
    default:
      return unhandledKind(document.kind);
  }
}

/** One document's part: skipped while answers are missing, else run in its account only. */
function partLines(
  answers: Answers,
  { document, missing }: Part,
  options: ExportOptions,
): string[] {
  const title = heading({ ...document, fileName: policyToPut(document, options).fileName });
  if (missing.length > 0) {
    return [
      '',
      title,
      `skipped+=(${say(`${document.title}: answer missing: ${describeAnswers(missing)}`)})`,
    ];
  }
  const account = accountFor(document, answers);
  return [
    '',
    title,
    `if [[ "$account" == ${say(account)} ]]; then`,
    ...partBody(answers, document, options),
    'fi',
  ];
}

/** The parts each account still has to run, said at the end when run in another account. */
function stillToRun(answers: Answers, runnable: readonly NeededDocument[]): string[] {
  return groupByAccount(answers, runnable).flatMap(({ account, documents }) => [
    `if [[ "$account" != ${say(account)} ]]; then`,
    `  echo ${say(`Still to run with credentials for account ${account}: ${documents.map((document) => document.title).join(', ')}.`)}`,
    'fi',
  ]);
}

const SUMMARY_LISTS: [string, string][] = [
  ['applied', 'Applied'],
  ['already', 'Already applied, not put again'],
  ['by_hand', 'To do by hand'],
  ['skipped', 'Skipped, answers missing'],
];

/**
 * An AWS CLI runbook (bash) that applies the documents in a safe order, each
 * in the account it belongs to. With `options.mergedKeyPolicies`, a key
 * policy's part puts the merged policy's file (see runbookFiles).
 */
export function buildRunbook(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions = {},
): string {
  const parts = inApplyOrder(documents).map((document) => ({
    document,
    missing: missingAnswers(document, answers),
  }));
  const header = runbookHeader(answers, parts, options);
  if (documents.length === 0) {
    return [
      ...header,
      'set -euo pipefail',
      '',
      'echo "Nothing to apply: with these answers no policy is needed."',
      '',
    ].join('\n');
  }
  const runnable = parts.filter((part) => part.missing.length === 0).map((part) => part.document);
  const files = runnable.map((document) => policyToPut(document, options).fileName);
  const fileCheck =
    files.length === 0
      ? []
      : [
          '',
          '# Stop before calling AWS if a policy file this script puts is missing.',
          'for file in \\',
          ...files.map((file, index) => `  ${file}${index === files.length - 1 ? '; do' : ' \\'}`),
          '  if [[ ! -f "$file" ]]; then',
          '    echo "Missing $file: download it from the wizard into this folder." >&2',
          '    exit 1',
          '  fi',
          'done',
        ];
  return [
    ...header,
    'set -euo pipefail',
    ...SCRIPT_FUNCTIONS,
    'skipped=()',
    ...fileCheck,
    '',
    '# The account these credentials belong to: each part runs only in its own.',
    ...(runnable.length === 0
      ? ['account=""']
      : [
          'account="$(aws sts get-caller-identity --query Account --output text)"',
          'echo "Running with credentials for account $account."',
        ]),
    ...parts.flatMap((part) => partLines(answers, part, options)),
    '',
    '# ===========================================================================',
    '# Summary',
    'echo',
    ...SUMMARY_LISTS.flatMap(([list, label]) => [
      `if ((\${#${list}[@]} > 0)); then`,
      `  echo ${say(`${label}:`)}`,
      `  printf '  %s\\n' "\${${list}[@]}"`,
      'fi',
    ]),
    ...stillToRun(answers, runnable),
    '',
  ].join('\n');
}
