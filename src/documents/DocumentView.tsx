import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useId, useState, type ComponentType } from 'react';

import { CheckboxSwitch } from '../ui/CheckboxSwitch';
import { DOCUMENT_FACTS, type BuiltDocument, type NeededDocument } from '../policy';
import { samePlainData } from '../state/live-answers';
import { CopyableText } from '../ui/CopyableText';
import { Disclosure } from '../ui/Disclosure';
import { ExplanationList } from './Explanations';

/** The text shown: the whole document, or its statement alone. */
export function shownText(document: NeededDocument, statementOnly: boolean) {
  if (statementOnly && document.statementOnly) {
    return { text: document.statementOnly.json, fileName: document.statementOnly.fileName };
  }
  return { text: document.json, fileName: document.fileName };
}

/**
 * Two builds of a document that differ at most in their text (documents are
 * rebuilt on every keystroke): same heading, switch and explanations.
 */
export function sameFrame(a: BuiltDocument, b: BuiltDocument): boolean {
  if (a.id !== b.id || a.title !== b.title || a.kind !== b.kind || a.needed !== b.needed) {
    return false;
  }
  if (!a.needed || !b.needed) return !a.needed && !b.needed && a.reason === b.reason;
  return (
    (a.statementOnly === undefined) === (b.statementOnly === undefined) &&
    samePlainData(a.explanations, b.explanations)
  );
}

/** Two builds of a document that show the same thing, text included. */
function sameDocument(a: BuiltDocument, b: BuiltDocument): boolean {
  return (
    sameFrame(a, b) &&
    (!a.needed ||
      !b.needed ||
      (a.json === b.json && a.statementOnly?.json === b.statementOnly?.json))
  );
}

/** What shows a needed document's text: the document's own, by default. */
export interface DocumentTextProps {
  document: NeededDocument;
  statementOnly: boolean;
  /** The document's name, for the buttons and the announcement. */
  label: string;
}

function OwnText({ document, statementOnly, label }: DocumentTextProps) {
  const { text, fileName } = shownText(document, statementOnly);
  return <CopyableText key={label} text={text} fileName={fileName} label={label} format="JSON" />;
}

interface Props {
  document: BuiltDocument;
  /**
   * Shows the text; the documents panel passes one that follows the answers
   * by itself, writing each keystroke's text into the page without a render.
   */
  Text?: ComponentType<DocumentTextProps>;
}

export const DocumentView = memo(
  function DocumentView({ document, Text = OwnText }: Props) {
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
          <NeededDocumentBody document={document} Text={Text} />
        ) : (
          <Typography color="textSecondary">Not needed. {document.reason}</Typography>
        )}
      </Paper>
    );
  },
  (previous, next) => previous.Text === next.Text && sameDocument(previous.document, next.document),
);

const StatementOnlySwitch = memo(function StatementOnlySwitch({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <CheckboxSwitch
      checked={checked}
      onChange={onChange}
      label="Statement only, to add to an existing key policy"
    />
  );
});

function NeededDocumentBody({
  document,
  Text,
}: {
  document: NeededDocument;
  Text: ComponentType<DocumentTextProps>;
}) {
  const [statementOnly, setStatementOnly] = useState(false);
  const label = statementOnly ? `${document.title}, statement only` : document.title;

  return (
    <>
      {document.statementOnly ? (
        <StatementOnlySwitch checked={statementOnly} onChange={setStatementOnly} />
      ) : null}
      <Typography variant="body2" color="textSecondary" sx={{ mb: 0.5 }}>
        {document.kind === 'key-policy'
          ? statementOnly
            ? 'Add this statement to the key’s current policy, keeping every statement already there.'
            : 'A complete key policy, safe to put as it is: it keeps the account’s root statement so the key stays manageable.'
          : DOCUMENT_FACTS[document.id].purpose}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        <Box component="span" sx={{ fontWeight: 600 }}>
          Goes to:
        </Box>{' '}
        {document.destination}
      </Typography>
      <Text document={document} statementOnly={statementOnly} label={label} />
      <Disclosure summary="Why each action is here" sx={{ mt: 1.5 }}>
        {() => <ExplanationList document={document} />}
      </Disclosure>
    </>
  );
}
