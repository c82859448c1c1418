import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useId, useState } from 'react';

import type { BuiltDocument, DocumentId, NeededDocument } from '../policy';
import { CopyableText } from './CopyableText';
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

/** Two builds of the same document show the same thing (documents are rebuilt on every keystroke). */
function sameDocument(a: BuiltDocument, b: BuiltDocument): boolean {
  if (a.id !== b.id || a.title !== b.title || a.needed !== b.needed) return false;
  if (!a.needed || !b.needed) return !a.needed && !b.needed && a.reason === b.reason;
  return (
    a.json === b.json &&
    a.statementOnly?.json === b.statementOnly?.json &&
    JSON.stringify(a.explanations) === JSON.stringify(b.explanations)
  );
}

export const DocumentView = memo(
  function DocumentView({ document }: { document: BuiltDocument }) {
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
  },
  (previous, next) => sameDocument(previous.document, next.document),
);

function NeededDocumentBody({ document }: { document: NeededDocument }) {
  const [statementOnly, setStatementOnly] = useState(false);
  const { text, fileName } = shownText(document, statementOnly);
  const label = statementOnly ? `${document.title}, statement only` : document.title;

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
      <CopyableText key={label} text={text} fileName={fileName} label={label} format="JSON" />
      <Explanations document={document} />
    </>
  );
}
