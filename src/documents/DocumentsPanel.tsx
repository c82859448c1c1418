import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { lazy, memo, useCallback, useLayoutEffect, useRef } from 'react';

import {
  compareEditions,
  GUIDE_EDITION_INFO,
  type AnswerField,
  type DocumentId,
  type Finding,
  type NeededDocument,
} from '../policy';
import { Disclosure } from '../app/Disclosure';
import { Notice } from '../app/Notice';
import { sameJson, useLive, useLiveAnswers, type LiveState } from '../wizard/live-answers';
import { CopyableTextView } from './CopyableText';
import { DocumentView, sameFrame, shownText, type DocumentTextProps } from './DocumentView';

const loadCompanions = () => import('./CompanionDocuments');
const CompanionDocuments = lazy(async () => ({
  default: (await loadCompanions()).CompanionDocuments,
}));

export function prefetchCompanions(): Promise<unknown> {
  return loadCompanions();
}

/** The rest of the setup, loaded when asked for. */
const Companions = memo(function Companions() {
  return (
    <Disclosure
      summary="The rest of the setup: S3 access, bucket, trust and PassRole policies"
      sx={{ mt: 1 }}
      summarySx={{ fontWeight: 600, py: 1 }}
    >
      {() => <CompanionDocuments />}
    </Disclosure>
  );
});

export const FIELD_LABELS: Readonly<Record<AnswerField, string>> = {
  operations: 'Operations',
  bucketEncrypted: 'Bucket encryption',
  datasetGroupEncrypted: 'Dataset group encryption',
  keys: 'Same or separate keys',
  accountId: 'AWS account ID',
  roleName: 'Service role name',
  rolePath: 'Role path',
  partition: 'AWS partition',
  keyArn: 'Key ARN',
  guide: 'Guide edition',
  bucketName: 'Bucket name',
  region: 'Region',
  datasetGroupKeyArn: 'Dataset group key ARN',
};

function fieldLabel({ field, path }: Finding): string {
  return field === undefined ? path : FIELD_LABELS[field];
}

/** What the other edition of the guide would change, for these answers. */
const EditionDifferences = memo(function EditionDifferences() {
  const shown = useLive((state) => state.answers.guide);
  const other = shown === 'current' ? '2023-01' : 'current';
  return (
    <Disclosure
      sx={{ mb: 2 }}
      summary={`Following the ${GUIDE_EDITION_INFO[shown].inSentence}: what the ${GUIDE_EDITION_INFO[other].inSentence} would change`}
    >
      {() => <DifferenceList />}
    </Disclosure>
  );
});

/** Two more builds per keystroke, made only while someone reads them. */
function DifferenceList() {
  const answers = useLive((state) => state.answers);
  const { differences } = compareEditions(answers);
  if (differences.length === 0) {
    return (
      <Typography variant="body2" sx={{ mt: 1 }}>
        Nothing: both editions give the same documents for these answers.
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ mt: 1, mb: 0, pl: 2.5 }}>
      {differences.map((difference) => (
        <Typography component="li" variant="body2" key={difference}>
          {difference}
        </Typography>
      ))}
    </Box>
  );
}

/** What the panel shows besides the documents' text: it changes far less often. */
interface PanelLayout {
  /** Labels of the answers left out because they are invalid. */
  invalid: string[];
  missing: { labels: string; placeholders: string } | null;
  notes: string[];
  documentIds: DocumentId[];
}

function panelLayout({ policies, findings }: LiveState): PanelLayout {
  const { documents, placeholders, notes } = policies;
  return {
    invalid: [...new Set(findings.map(fieldLabel))],
    missing:
      placeholders.length > 0 && documents.some((document) => document.needed)
        ? {
            labels: placeholders.map((item) => FIELD_LABELS[item.field]).join(' and '),
            placeholders: placeholders.map((item) => item.placeholder).join(', '),
          }
        : null,
    notes,
    documentIds: documents.map((document) => document.id),
  };
}

/** The text a live document shows now. */
function currentText(
  state: LiveState,
  document: NeededDocument,
  statementOnly: boolean,
): { text: string; fileName: string } {
  const current = state.policies.documents.find((candidate) => candidate.id === document.id);
  return shownText(current?.needed ? current : document, statementOnly);
}

/**
 * Just the text. A change of answers writes the new text straight into its
 * text node: a React render here would be the largest part of a keystroke's
 * cost (see `npm run bench:typing`). A render (new document or view) shows
 * the text as it is then, so React and the subscription always agree.
 */
function LiveTextContent({
  document,
  statementOnly,
}: {
  document: NeededDocument;
  statementOnly: boolean;
}) {
  const live = useLiveAnswers();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const span = ref.current;
    if (!span) return;
    const follow = () => {
      const text = currentText(live.getState(), document, statementOnly).text;
      const node = span.firstChild;
      if (node instanceof Text && node === span.lastChild) {
        if (node.data !== text) node.data = text;
      } else {
        span.textContent = text;
      }
    };
    follow();
    return live.subscribe(follow);
  }, [live, document, statementOnly]);
  return <span ref={ref}>{currentText(live.getState(), document, statementOnly).text}</span>;
}

/** A live document's text, with its buttons: it follows the answers by itself. */
function LiveText({ document, statementOnly, label }: DocumentTextProps) {
  const live = useLiveAnswers();
  const getText = useCallback(
    () => currentText(live.getState(), document, statementOnly).text,
    [live, document, statementOnly],
  );
  return (
    <CopyableTextView
      key={label}
      content={<LiveTextContent document={document} statementOnly={statementOnly} />}
      getText={getText}
      fileName={shownText(document, statementOnly).fileName}
      label={label}
      format="JSON"
    />
  );
}

/**
 * One of the live documents. Its frame (title, switch, explanations)
 * re-renders when it changes; the text follows every keystroke on its own.
 */
const LiveDocumentView = memo(function LiveDocumentView({ id }: { id: DocumentId }) {
  const document = useLive(
    (state) => state.policies.documents.find((candidate) => candidate.id === id),
    (a, b) => a === b || (a !== undefined && b !== undefined && sameFrame(a, b)),
  );
  return document ? <DocumentView document={document} Text={LiveText} /> : null;
});

/**
 * The documents for the answers as they are now, following every change.
 * Its parts follow the answers on their own (and are memoised), so a notice
 * that comes or goes redraws the notices alone.
 */
export function DocumentsPanel() {
  const { invalid, missing, notes, documentIds } = useLive(panelLayout, sameJson);
  return (
    <Box component="aside" aria-labelledby="documents-heading">
      <Typography component="h2" variant="h2" id="documents-heading" gutterBottom>
        Your policies
      </Typography>
      {invalid.length > 0 ? (
        <Notice severity="warning">
          Not used until corrected: {invalid.join(', ')}. The documents show the guide’s
          placeholders or defaults instead.
        </Notice>
      ) : null}
      {missing ? (
        <Notice severity="info">
          Still missing: {missing.labels}. Until then the guide’s placeholders (
          {missing.placeholders}) stand in.
        </Notice>
      ) : null}
      {notes.map((note) => (
        <Notice key={note} severity="info">
          {note}
        </Notice>
      ))}
      <EditionDifferences />
      {documentIds.map((id) => (
        <LiveDocumentView key={id} id={id} />
      ))}
      <Companions />
    </Box>
  );
}
