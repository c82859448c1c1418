import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState } from 'react';

import { PlainTextarea } from '../ui/PlainTextarea';
import { CodeBlock, CopyableText } from '../ui/CopyableText';
import {
  getKeyPolicyCommand,
  MAX_PASTED_CHARS,
  mergedFileName,
  type Answers,
  type DiffLine,
} from '../policy';
import type { KeyPolicyMerge } from './key-policy-merges';

const DIFF_MARK: Readonly<Record<DiffLine['kind'], string>> = {
  same: '  ',
  added: '+ ',
  removed: '− ',
};

/** Unchanged lines kept around each change, so it can be found in the policy. */
const CONTEXT_LINES = 3;

type DiffRow =
  | { kind: 'line'; line: DiffLine; index: number }
  | { kind: 'folded'; count: number; index: number };

/**
 * The lines to show: every changed line with `CONTEXT_LINES` unchanged lines
 * on either side; each longer run of unchanged lines becomes one folded row.
 */
function foldUnchanged(lines: readonly DiffLine[]): DiffRow[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    const from = Math.max(0, index - CONTEXT_LINES);
    const to = Math.min(lines.length - 1, index + CONTEXT_LINES);
    for (let near = from; near <= to; near++) keep[near] = true;
  });
  const rows: DiffRow[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    if (keep[index]) {
      rows.push({ kind: 'line', line, index });
      index++;
      continue;
    }
    let end = index;
    while (end < lines.length && !keep[end]) end++;
    // A fold of one line would take as much room as the line itself.
    if (end - index === 1) rows.push({ kind: 'line', line, index });
    else rows.push({ kind: 'folded', count: end - index, index });
    index = end;
  }
  return rows;
}

const LINE_COLOURS: Readonly<Record<DiffLine['kind'], string | undefined>> = {
  same: undefined,
  added: 'rgba(46, 160, 67, 0.18)',
  removed: 'rgba(248, 81, 73, 0.18)',
};

/** Changed lines are ins and del elements: marked by + and −, not by colour alone. */
const LINE_ELEMENTS: Readonly<Record<DiffLine['kind'], 'span' | 'ins' | 'del'>> = {
  same: 'span',
  added: 'ins',
  removed: 'del',
};

function DiffView({
  lines,
  label,
  showUnchanged,
}: {
  lines: readonly DiffLine[];
  label: string;
  showUnchanged: boolean;
}) {
  const rows = useMemo(
    () =>
      showUnchanged
        ? lines.map((line, index): DiffRow => ({ kind: 'line', line, index }))
        : foldUnchanged(lines),
    [lines, showUnchanged],
  );
  return (
    <CodeBlock tabIndex={0} aria-label={label} sx={{ maxHeight: '24rem' }}>
      {/* As wide as the longest line, so a line's colour goes on under a sideways scroll. */}
      <Box component="span" sx={{ display: 'inline-block', minWidth: '100%' }}>
        {rows.map((row) =>
          row.kind === 'folded' ? (
            <Typography
              // Rows have no identity beyond their place in the diff.
              key={row.index}
              component="span"
              color="textSecondary"
              sx={{ display: 'block', font: 'inherit', fontStyle: 'italic' }}
            >
              {`⋯ ${row.count} unchanged lines`}
            </Typography>
          ) : (
            <Box
              key={row.index}
              component={LINE_ELEMENTS[row.line.kind]}
              sx={{
                display: 'block',
                textDecoration: 'none',
                bgcolor: LINE_COLOURS[row.line.kind],
              }}
            >
              {DIFF_MARK[row.line.kind]}
              {row.line.text}
            </Box>
          ),
        )}
      </Box>
    </CodeBlock>
  );
}

/** Paste a key's current policy, get one document with the Personalize statement merged in. */
export function MergePanel({
  merge,
  answers,
  onPaste,
  onAddRoot,
}: {
  merge: KeyPolicyMerge;
  answers: Answers;
  onPaste: (text: string) => void;
  onAddRoot: (on: boolean) => void;
}) {
  const id = useId();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { document, pasted, kept, forOtherKey, addRoot, result } = merge;
  const keyArn = document.key?.arn ?? '';
  const mergedTitle = `Merged ${document.title}`;
  const fileName = mergedFileName(document);
  const problems = result !== undefined && !result.ok ? result.problems : undefined;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;

  return (
    <Box component="section" aria-labelledby={`${id}-heading`} sx={{ mb: 3 }}>
      <Typography component="h4" variant="subtitle1" id={`${id}-heading`} sx={{ fontWeight: 600 }}>
        Merge into the key’s current policy ({document.title})
      </Typography>
      <Typography variant="body2" gutterBottom>
        A key has one policy, and put-key-policy replaces all of it. Paste the key’s current policy
        to get one document that keeps every statement and adds the Personalize one.
      </Typography>
      {/* The error goes on the label and the input only: the instructions stay as they are. */}
      <FormControl fullWidth margin="dense">
        <InputLabel htmlFor={`${id}-input`} error={problems !== undefined}>
          The key’s current policy (JSON)
        </InputLabel>
        <PlainTextarea
          id={`${id}-input`}
          label="The key’s current policy (JSON)"
          error={problems !== undefined}
          rows={4}
          value={pasted.text}
          onChange={(event) => {
            onPaste(event.target.value);
          }}
          inputProps={{
            spellCheck: false,
            maxLength: MAX_PASTED_CHARS + 1,
            'aria-describedby':
              problems === undefined && !forOtherKey ? helpId : `${errorId} ${helpId}`,
            style: {
              minBlockSize: '4lh',
              maxBlockSize: '14lh',
            },
          }}
        />
        {forOtherKey ? (
          <Alert id={errorId} severity="warning" role="alert" sx={{ mt: 0.5 }}>
            {`This policy was pasted for ${pasted.keyArn === '' ? 'a key with no ARN given yet' : `the key ${pasted.keyArn}`}, and the key is now ${keyArn === '' ? 'not given' : keyArn}. It is not merged into this key’s policy: paste this key’s current policy instead.`}
          </Alert>
        ) : null}
        {kept ? null : (
          <Alert severity="warning" role="status" sx={{ mt: 0.5 }}>
            This browser tab could not keep the pasted policy (its storage is full or turned off).
            It is used while this page stays open, but a reload would lose it.
          </Alert>
        )}
        {problems === undefined ? null : (
          <Alert id={errorId} severity="error" role="alert" sx={{ mt: 0.5 }}>
            {problems.length === 1 ? (
              problems[0]?.message
            ) : (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {problems.map((problem) => (
                  <li key={problem.code + problem.message}>{problem.message}</li>
                ))}
              </Box>
            )}
          </Alert>
        )}
        <FormHelperText id={helpId}>
          It stays in this browser tab. Print it with{' '}
          <code>{getKeyPolicyCommand(document, answers)}</code>
        </FormHelperText>
      </FormControl>
      <FormControlLabel
        control={
          <Checkbox
            checked={addRoot}
            onChange={(event) => {
              onAddRoot(event.target.checked);
            }}
          />
        }
        label="Add the account’s root statement if nothing else keeps the key manageable"
      />
      {result?.ok !== true ? null : (
        <>
          {result.warnings.map((warning) => (
            <Alert key={warning.code + warning.message} severity="warning" sx={{ mb: 1 }}>
              {warning.message}
            </Alert>
          ))}
          <Box component="ul" sx={{ pl: 2.5, my: 1 }} aria-label="What the merge changed">
            {result.changes.map((change) => (
              <Typography component="li" variant="body2" key={change.kind + change.sid}>
                {change.summary}
              </Typography>
            ))}
          </Box>
          {result.diff.every((line) => line.kind === 'same') ? (
            <Typography variant="body2" sx={{ mt: 1 }}>
              No line changes: the merged policy is the pasted one.
            </Typography>
          ) : (
            <>
              <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
                What changes, line by line
              </Typography>
              <FormControlLabel
                control={
                  <Checkbox
                    size="small"
                    checked={showUnchanged}
                    onChange={(event) => {
                      setShowUnchanged(event.target.checked);
                    }}
                  />
                }
                label="Show the unchanged lines too"
                slotProps={{ typography: { variant: 'body2' } }}
              />
              <DiffView
                lines={result.diff}
                label={`Differences between the current and the merged ${document.title}`}
                showUnchanged={showUnchanged}
              />
            </>
          )}
          <Box component="section" aria-label={mergedTitle} sx={{ mt: 2 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
              {mergedTitle}, to put with put-key-policy
            </Typography>
            <CopyableText
              text={result.json}
              fileName={fileName}
              label={mergedTitle}
              format="JSON"
            />
          </Box>
        </>
      )}
    </Box>
  );
}
