import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useRef, useState, type ReactNode } from 'react';

import { Disclosure } from '../ui/Disclosure';
import { Notice } from '../ui/Notice';
import { PlainTextarea } from '../ui/PlainTextarea';
import { downloadBlob } from '../ui/copy-and-download';
import { CodeBlock, CopyableText } from '../ui/CopyableText';
import { CopyButton } from '../ui/CopyButton';
import { StatusMark } from '../ui/StatusMark';
import {
  applyInstructions,
  archiveFiles,
  buildCloudFormation,
  buildRunbook,
  buildTerraform,
  EXPORT_FILE_NAMES,
  policyToPut,
  preflight,
  type AnswerField,
  type ExportOptions,
  type PreflightItem,
  type PreflightLevel,
  type Answers,
  type NeededDocument,
} from '../policy';
import { useLive } from '../state/live-answers';
import { companionDocumentsFor, policiesFor } from '../documents/built';
import { FIELD_LABELS } from '../state/step-rules';
import { useKeyPolicyMerges } from './key-policy-merges';
import { MergePanel } from './MergePanel';
import type { StepProps } from './step-props';
import { shareSearch, shareUrl } from '../state/address';

/** A word with a hyphen, slash or colon: a region, ARN, file name or command name. */
const IDENTIFIER = /[-/:]/;

/** The word with a line break opportunity after each run of colons or slashes (ARN parts). */
function withBreaks(word: string): ReactNode[] {
  return word
    .split(/(?<=[:/])(?=[^:/])/)
    .flatMap((piece, index) => (index === 0 ? [piece] : [<wbr key={index} />, piece]));
}

/**
 * Text whose identifiers wrap only as a whole: each is an inline block, so it
 * moves to the next line rather than breaking at a hyphen, and breaks inside
 * only when it is longer than a whole line (a full ARN on a phone), first
 * after a colon or slash. The text itself, as read and copied, is unchanged.
 */
function Prose({ text }: { text: string }) {
  return text.split(/(\s+)/).map((part, index) =>
    IDENTIFIER.test(part) ? (
      <Box
        // The parts of one text never reorder.
        key={index}
        component="span"
        sx={{ display: 'inline-block', overflowWrap: 'anywhere' }}
      >
        {withBreaks(part)}
      </Box>
    ) : (
      part
    ),
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Typography component="h3" variant="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** A section that stays folded until asked for, so the step reads top to bottom. */
function Folded({ title, children }: { title: string; children: () => ReactNode }) {
  return (
    <Disclosure
      sx={{ mb: 2, borderTop: 1, borderColor: 'divider', pt: 1 }}
      summary={
        <Typography component="h3" variant="h3" sx={{ display: 'inline' }}>
          {title}
        </Typography>
      }
    >
      {() => <Box sx={{ mt: 1 }}>{children()}</Box>}
    </Disclosure>
  );
}

const CHECK_MARK: Readonly<Record<PreflightLevel, string>> = {
  ok: 'OK',
  warning: 'Check',
  error: 'Fix',
  missing: 'Answer',
};

/**
 * Wide enough for the longest mark, ANSWER, on one line (about 4.2rem with its bar), so that
 * every message beside a mark starts at the same place.
 */
const MARK_WIDTH = '4.5rem';

const CHECK_COLOUR: Readonly<Record<PreflightLevel, string>> = {
  ok: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
  missing: 'info.main',
};

/** What the summary counts, in the order it matters. */
const COUNTED: readonly (readonly [PreflightLevel, string])[] = [
  ['error', 'to fix'],
  ['warning', 'to check'],
  ['missing', 'not answered yet'],
];

function Preflight({
  checks,
  onOpenField,
}: {
  checks: readonly PreflightItem[];
  onOpenField: (field: AnswerField) => void;
}) {
  const count = (level: PreflightLevel) => checks.filter((check) => check.level === level).length;
  // "2 to fix", "1 to check", …
  const counts = COUNTED.flatMap(([level, what]) =>
    count(level) === 0 ? [] : [`${String(count(level))} ${what}`],
  );
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {count('error') > 0
          ? `${counts.join(', ')}: fix what is marked Fix before you apply anything.`
          : counts.length > 0
            ? `Nothing blocks what is complete: ${counts.join(', ')}. An answer not given yet leaves a placeholder in the documents that need it.`
            : 'Everything checked is in order.'}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', pl: 0, my: 0 }}>
        {checks.map((check) => (
          <Box
            component="li"
            key={check.id + check.message}
            sx={{ display: 'flex', gap: 1, mb: 0.75, alignItems: 'baseline' }}
          >
            <StatusMark
              word={CHECK_MARK[check.level]}
              colour={CHECK_COLOUR[check.level]}
              width={MARK_WIDTH}
            />
            <Typography variant="body2" component="span" sx={{ minWidth: 0 }}>
              <Prose text={check.message} />
              {(check.fields ?? []).map((field) => (
                <Fragment key={field}>
                  {' '}
                  <Link
                    component="button"
                    type="button"
                    variant="body2"
                    sx={{ verticalAlign: 'baseline' }}
                    onClick={() => {
                      onOpenField(field);
                    }}
                  >
                    {`Fill in ${FIELD_LABELS[field]}`}
                  </Link>
                </Fragment>
              ))}
            </Typography>
          </Box>
        ))}
      </Box>
    </>
  );
}

/** The AWS CLI subcommand a command runs, e.g. put-key-policy for "aws kms put-key-policy …". */
function subcommand(command: string): string {
  return command.split(' ')[2] ?? command;
}

/**
 * A document's AWS CLI commands, one block each, wrapped at the block's edge
 * (a command is never cut off, on a phone either), each with its Copy button.
 */
function Commands({ commands, title }: { commands: readonly string[]; title: string }) {
  return (
    <Box component="ol" sx={{ listStyle: 'none', pl: 0, my: 0.5 }}>
      {commands.map((command) => (
        <Command key={command} command={command} title={title} />
      ))}
    </Box>
  );
}

function Command({ command, title }: { command: string; title: string }) {
  const shown = useRef<HTMLPreElement>(null);
  const name = subcommand(command);
  return (
    <Box
      component="li"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }}
    >
      <CodeBlock
        ref={shown}
        tabIndex={0}
        data-wrap=""
        aria-label={`${name} command for the ${title}`}
        sx={{ flex: '1 1 16rem', minWidth: 0 }}
      >
        <Prose text={command} />
      </CodeBlock>
      <CopyButton
        text={command}
        label={`Copy the ${name} command for the ${title}`}
        shownIn={shown}
        what="command"
        copied={`Copied the ${name} command to the clipboard.`}
      />
    </Box>
  );
}

function HowToApply({
  documents,
  answers,
  options,
}: {
  documents: NeededDocument[];
  answers: Answers;
  /** A merged key policy is the file to put, as in the runbook. */
  options: ExportOptions;
}) {
  return (
    <Box component="ol" sx={{ pl: 3, mt: 0 }}>
      {documents.map((document) => {
        const how = applyInstructions(document, answers, {
          fileName: policyToPut(document, options).fileName,
        });
        return (
          <Box component="li" key={document.id} sx={{ mb: 2 }}>
            <Typography sx={{ fontWeight: 600 }}>{document.title}</Typography>
            <Typography variant="body2" gutterBottom>
              <Prose text={how.console} />
            </Typography>
            <Typography variant="body2">
              {how.cli.length > 1
                ? 'Or with the AWS CLI, one command at a time:'
                : 'Or with the AWS CLI:'}
            </Typography>
            <Commands commands={how.cli} title={document.title} />
            {how.caution !== undefined ? (
              <Typography variant="body2" color="textSecondary">
                <Prose text={how.caution} />
              </Typography>
            ) : null}
            {how.then?.map((step) => (
              <Fragment key={step.when}>
                <Typography variant="body2" sx={{ mt: 1 }}>
                  <Prose text={step.when} />
                </Typography>
                <Commands commands={step.commands} title={document.title} />
              </Fragment>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

interface Export {
  title: string;
  /** Made when asked for: these are the largest texts the wizard writes. */
  text: () => string;
  fileName: string;
  format: string;
  mimeType: string;
  note: string;
}

function exportsFor(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions,
): Export[] {
  return [
    {
      title: 'AWS CLI runbook',
      text: () => buildRunbook(answers, documents, options),
      fileName: EXPORT_FILE_NAMES.runbook,
      format: 'shell script',
      mimeType: 'text/x-shellscript',
      note: 'Every command in order, with the file names the Download buttons save. It saves each current policy, stops before replacing a whole key, bucket or trust policy if one of its statements would be dropped, and never bypasses the key policy lockout check.',
    },
    {
      title: 'CloudFormation template',
      text: () => buildCloudFormation(answers, documents, options),
      fileName: EXPORT_FILE_NAMES.cloudFormation,
      format: 'YAML',
      mimeType: 'application/yaml',
      note: 'CloudFormation can set the policy of a key only when the stack creates that key, so the key policy is an example to adapt.',
    },
    {
      title: 'Terraform configuration',
      text: () => buildTerraform(answers, documents, options),
      fileName: EXPORT_FILE_NAMES.terraform,
      format: 'HCL',
      mimeType: 'text/plain',
      note: 'Use aws_kms_key_policy or the policy argument of aws_kms_key, never both; destroying aws_kms_key_policy resets the key to its default policy.',
    },
  ];
}

/**
 * Every document, statement, merged key policy and export in one zip archive:
 * the runbook beside every file it puts.
 */
async function downloadAll(
  answers: Answers,
  documents: readonly NeededDocument[],
  options: ExportOptions,
) {
  const { strToU8, zipSync } = await import('fflate');
  const files = archiveFiles(answers, documents, options);
  const archive = zipSync(
    Object.fromEntries(files.map((file) => [file.fileName, strToU8(file.contents)])),
    { level: 6 },
  );
  const bytes = new Uint8Array(archive.byteLength);
  bytes.set(archive);
  downloadBlob(new Blob([bytes], { type: 'application/zip' }), 'personalize-kms-policies.zip');
  return files.length;
}

export function ReviewStep({ onOpenField }: StepProps) {
  const answers = useLive((state) => state.answers);
  const policies = policiesFor(answers);
  const link = shareUrl(shareSearch(answers, 'review'));
  const [status, setStatus] = useState('');
  const kms = useMemo(() => policies.documents.filter((document) => document.needed), [policies]);
  const companions = useMemo(
    () => companionDocumentsFor(answers).filter((document) => document.needed),
    [answers],
  );
  const all = useMemo(() => [...kms, ...companions], [kms, companions]);
  const checks = useMemo(() => preflight(answers, all), [answers, all]);
  const keyPolicies = useMemo(
    () => kms.filter((document) => document.kind === 'key-policy'),
    [kms],
  );
  // What is applied is what was reviewed: a merged key policy replaces the
  // wizard's own in the instructions, the runbook, the templates and the zip.
  const { merges, paste, setAddRoot, exportOptions } = useKeyPolicyMerges(keyPolicies, answers);
  const exports = useMemo(
    () => exportsFor(answers, all, exportOptions),
    [answers, all, exportOptions],
  );
  const placeholders = checks.some((check) => check.level === 'missing');

  return (
    // Words break at spaces; only a word longer than a whole line breaks inside.
    <Box sx={{ overflowWrap: 'break-word' }}>
      {kms.length === 0 ? (
        <Notice severity="success">
          With these answers Personalize needs no KMS permissions. The S3, trust and PassRole
          policies below are still what the rest of the setup needs.
        </Notice>
      ) : null}
      <Section title="Before you apply">
        <Preflight checks={checks} onOpenField={onOpenField} />
      </Section>
      <Section title="How to apply them">
        <HowToApply documents={all} answers={answers} options={exportOptions} />
      </Section>
      {keyPolicies.length > 0 ? (
        <Folded title="Merge with your key’s current policy">
          {() =>
            merges.map((merge) => (
              <MergePanel
                key={merge.document.id}
                merge={merge}
                answers={answers}
                onPaste={(text) => {
                  paste(merge.document.id, text);
                }}
                onAddRoot={(on) => {
                  setAddRoot(merge.document.id, on);
                }}
              />
            ))
          }
        </Folded>
      ) : null}
      {exports.map((item) => (
        <Folded key={item.fileName} title={item.title}>
          {() => (
            <Box component="section" aria-label={item.title}>
              <Typography variant="body2" color="textSecondary" gutterBottom>
                {item.note}
              </Typography>
              <CopyableText
                text={item.text()}
                fileName={item.fileName}
                label={item.title}
                format={item.format}
                mimeType={item.mimeType}
              />
            </Box>
          )}
        </Folded>
      ))}
      <Section title="Everything at once">
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            onClick={() => {
              void downloadAll(answers, all, exportOptions).then(
                (count) => {
                  setStatus(
                    placeholders
                      ? `Downloaded personalize-kms-policies.zip with ${count} files. Some still hold placeholders for answers not given yet (see Before you apply): the runbook applies the parts that have none and lists the others.`
                      : `Downloaded personalize-kms-policies.zip with ${count} files.`,
                  );
                },
                () => {
                  setStatus('The archive could not be made; download the files one by one.');
                },
              );
            }}
          >
            Download all (zip)
          </Button>
          <Typography role="status" variant="body2">
            {status}
          </Typography>
        </Box>
      </Section>
      <Section title="Share these answers">
        <Typography variant="body2" gutterBottom>
          The link holds your answers (not the policies), so it reopens the wizard as it is now.
          Copy it with Copy share link below.
        </Typography>
        <FormControl fullWidth margin="dense">
          <InputLabel htmlFor="share-link">Share link</InputLabel>
          <PlainTextarea
            id="share-link"
            label="Share link"
            value={link}
            readOnly
            rows={3}
            onFocus={(event) => {
              event.currentTarget.select();
            }}
            inputProps={{ spellCheck: false }}
          />
        </FormControl>
      </Section>
    </Box>
  );
}
