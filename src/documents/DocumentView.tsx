import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState } from 'react';

import { monospace } from '../app/theme';
import type { BuiltDocument, DocumentId, NeededDocument } from '../policy';
import { copyText, downloadText, selectContents } from './clipboard';
import { Explanations } from './Explanations';

/** Where each document goes, in a sentence. */
const APPLIES_TO: Readonly<Record<DocumentId, string>> = {
  'key-policy': '',
  'key-policy-bucket': '',
  'key-policy-dataset-group': '',
  'iam-policy': 'Attach to the service role that Personalize assumes.',
  's3-access-policy': 'Attach to the service role that Personalize assumes.',
  'bucket-policy':
    'Put on the S3 bucket. A bucket has one policy: add these statements to its current one.',
  'trust-policy':
    'The service role’s trust policy: it lets only Personalize, for your account and region, assume the role.',
  'passrole-policy':
    'Attach to the people, roles or pipelines that create Personalize resources with this role.',
};

function shownText(document: NeededDocument, statementOnly: boolean) {
  if (statementOnly && document.statementOnly) {
    return { text: document.statementOnly.json, fileName: document.statementOnly.fileName };
  }
  return { text: document.json, fileName: document.fileName };
}

export function DocumentView({ document }: { document: BuiltDocument }) {
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ p: { xs: 1.5, sm: 2 }, mb: 2 }}
      data-document={document.id}
    >
      <Typography component="h3" variant="h3" id={headingId} gutterBottom>
        {document.title}
      </Typography>
      {document.needed ? (
        <NeededDocumentBody document={document} />
      ) : (
        <Typography color="text.secondary">Not needed. {document.reason}</Typography>
      )}
    </Paper>
  );
}

function NeededDocumentBody({ document }: { document: NeededDocument }) {
  const [statementOnly, setStatementOnly] = useState(false);
  const [status, setStatus] = useState('');
  const preRef = useRef<HTMLPreElement>(null);
  const { text, fileName } = shownText(document, statementOnly);
  const label = statementOnly ? `${document.title}, statement only` : document.title;

  const copy = async () => {
    if (await copyText(text)) {
      setStatus(`Copied the ${label} to the clipboard.`);
      return;
    }
    if (preRef.current) selectContents(preRef.current);
    setStatus(
      'Your browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
  };

  return (
    <>
      {document.statementOnly ? (
        <FormControlLabel
          control={
            // A checkbox with the switch role: Switch's extra code is not worth its weight.
            <Checkbox
              checked={statementOnly}
              onChange={(event) => {
                setStatementOnly(event.target.checked);
                setStatus('');
              }}
              slotProps={{ input: { role: 'switch' } }}
            />
          }
          label="Statement only, to add to an existing key policy"
        />
      ) : null}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {document.kind === 'key-policy'
          ? statementOnly
            ? 'Add this statement to the key’s current policy, keeping every statement already there.'
            : 'A complete key policy, safe to put as it is: it keeps the account’s root statement so the key stays manageable.'
          : APPLIES_TO[document.id]}
      </Typography>
      <Box
        component="pre"
        ref={preRef}
        tabIndex={0}
        aria-label={`${label} JSON`}
        sx={{
          fontFamily: monospace,
          fontSize: '0.8125rem',
          lineHeight: 1.5,
          m: 0,
          p: 1.5,
          borderRadius: 1,
          overflowX: 'auto',
          bgcolor: 'action.hover',
          '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
        }}
      >
        {text}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
        <Button
          variant="contained"
          size="small"
          onClick={() => {
            void copy();
          }}
          aria-label={`Copy ${label}`}
        >
          Copy
        </Button>
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            downloadText(text, fileName);
            setStatus(`Downloaded ${fileName}.`);
          }}
          aria-label={`Download ${label}`}
        >
          Download
        </Button>
        <Typography role="status" variant="body2" sx={{ minHeight: '1.5em' }}>
          {status}
        </Typography>
      </Box>
      <Explanations document={document} />
    </>
  );
}
