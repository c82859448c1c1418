import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState } from 'react';

import { PlainTextarea } from '../app/PlainTextarea';
import { CodeBlock, CopyableText } from '../documents/CopyableText';
import { readPasted, savePasted } from './url-state';
import {
  MAX_PASTED_CHARS,
  mergeKeyPolicy,
  accountFor,
  getKeyPolicyCommand,
  type Answers,
  type DiffLine,
  type NeededDocument,
} from '../policy';

/** The pasted policy survives Back, Next and reload in this tab, and goes nowhere else. */
function usePastedText(documentId: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readPasted(documentId));
  const update = (next: string) => {
    setText(next);
    savePasted(documentId, next);
  };
  return [text, update];
}

const DIFF_MARK: Readonly<Record<DiffLine['kind'], string>> = {
  same: '  ',
  added: '+ ',
  removed: '- ',
};

function DiffView({ lines, label }: { lines: readonly DiffLine[]; label: string }) {
  return (
    <CodeBlock tabIndex={0} aria-label={label} sx={{ maxHeight: '24rem' }}>
      {lines.map((line, index) => (
        <Box
          // Lines have no identity beyond their place in the diff.
          key={index}
          component="span"
          sx={{
            display: 'block',
            bgcolor:
              line.kind === 'added'
                ? 'rgba(46, 160, 67, 0.18)'
                : line.kind === 'removed'
                  ? 'rgba(248, 81, 73, 0.18)'
                  : undefined,
          }}
        >
          {DIFF_MARK[line.kind]}
          {line.text}
        </Box>
      ))}
    </CodeBlock>
  );
}

/** Paste a key's current policy, get one document with the Personalize statement merged in. */
export function MergePanel({ document, answers }: { document: NeededDocument; answers: Answers }) {
  const id = useId();
  const [text, setText] = usePastedText(document.id);
  const [addRoot, setAddRoot] = useState(false);
  const statement = document.statementOnly?.statement;
  const keyAccountId = accountFor(document, answers);
  const result = useMemo(
    () =>
      text.trim() === '' || !statement
        ? undefined
        : mergeKeyPolicy(
            text,
            statement,
            { keyAccountId, partition: answers.partition },
            { addRootStatement: addRoot },
          ),
    [text, statement, keyAccountId, answers.partition, addRoot],
  );
  const mergedTitle = `Merged ${document.title}`;
  const fileName = document.fileName.replace(/\.json$/, '-merged.json');

  return (
    <Box component="section" aria-labelledby={`${id}-heading`} sx={{ mb: 3 }}>
      <Typography component="h4" variant="subtitle1" id={`${id}-heading`} sx={{ fontWeight: 600 }}>
        Merge into the key’s current policy ({document.title})
      </Typography>
      <Typography variant="body2" gutterBottom>
        A key has one policy, and put-key-policy replaces all of it. Paste the key’s current policy
        to get one document that keeps every statement and adds the Personalize one.
      </Typography>
      <FormControl fullWidth margin="dense" error={result !== undefined && !result.ok}>
        <InputLabel htmlFor={`${id}-input`}>The key’s current policy (JSON)</InputLabel>
        <PlainTextarea
          id={`${id}-input`}
          label="The key’s current policy (JSON)"
          rows={4}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          inputProps={{
            spellCheck: false,
            maxLength: MAX_PASTED_CHARS + 1,
            'aria-describedby': `${id}-help`,
            style: {
              minBlockSize: '4lh',
              maxBlockSize: '14lh',
            },
          }}
        />
        <FormHelperText id={`${id}-help`}>
          It stays in this browser tab. Print it with{' '}
          <code>{getKeyPolicyCommand(document, answers)}</code>
        </FormHelperText>
      </FormControl>
      <FormControlLabel
        control={
          <Checkbox
            checked={addRoot}
            onChange={(event) => {
              setAddRoot(event.target.checked);
            }}
          />
        }
        label="Add the account’s root statement if nothing else keeps the key manageable"
      />
      {result === undefined ? null : result.ok ? (
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
          <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
            What changes, line by line
          </Typography>
          <DiffView
            lines={result.diff}
            label={`Differences between the current and the merged ${document.title}`}
          />
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
      ) : (
        <Alert severity="error" role="alert">
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {result.problems.map((problem) => (
              <li key={problem.code + problem.message}>{problem.message}</li>
            ))}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
