import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useDeferredValue, useLayoutEffect, useRef } from 'react';

import { GUIDE_EDITION_INFO, type DocumentId, type Finding } from '../policy';
import { Disclosure } from '../ui/Disclosure';
import { lazyComponent } from '../ui/lazy-component';
import { Notice } from '../ui/Notice';
import { FIELD_LABELS } from '../state/step-rules';
import { samePlainData, useLive, useLiveAnswers, type LiveState } from '../state/live-answers';
import { CopyableTextView, writeLines } from '../ui/CopyableText';
import { policiesFor } from './built';
import { DocumentView, sameFrame, shownText, type DocumentTextProps } from './DocumentView';

const CompanionDocuments = lazyComponent(
  'CompanionDocuments',
  async () => (await import('./CompanionDocuments')).CompanionDocuments,
);

const EditionDifferenceList = lazyComponent(
  'EditionDifferenceList',
  async () => (await import('./EditionDifferenceList')).EditionDifferenceList,
);

/**
 * Loads the code of the panel's parts that open on demand: the companion
 * documents and what the other edition would change.
 */
export function prefetchPanelParts(): Promise<unknown> {
  return Promise.all([CompanionDocuments.preload(), EditionDifferenceList.preload()]);
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
      {() => <EditionDifferenceList />}
    </Disclosure>
  );
});

/** What the panel shows besides the documents' text: it changes far less often. */
interface PanelLayout {
  /** Labels of the answers left out because they are invalid. */
  invalid: string[];
  missing: { labels: string; placeholders: string } | null;
  notes: string[];
  documentIds: DocumentId[];
}

function panelLayout({ answers, findings }: LiveState): PanelLayout {
  const { documents, placeholders, notes } = policiesFor(answers);
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

/**
 * Just the text, with one writer: the layout effect (before paint) writes it
 * into the span, and again on every change of answers, line by line (only
 * the lines that changed). React renders the span empty and never touches
 * its text: a React render here would be the largest part of a keystroke's
 * cost (see `npm run bench:typing`).
 */
function LiveTextContent({ getText }: { getText: () => string }) {
  const live = useLiveAnswers();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const span = ref.current;
    if (!span) return;
    const follow = () => {
      writeLines(span, getText());
    };
    follow();
    return live.subscribe(follow);
  }, [live, getText]);
  return <span ref={ref} />;
}

/** A live document's text, with its buttons: it follows the answers by itself. */
function LiveText({ document, statementOnly, label }: DocumentTextProps) {
  const live = useLiveAnswers();
  const last = useRef(shownText(document, statementOnly).text);
  // The text the document shows now. When it is no longer needed (its frame is
  // about to show why), the last text stays until the frame re-renders.
  const getText = useCallback(() => {
    const { documents } = policiesFor(live.getState().answers);
    const current = documents.find((candidate) => candidate.id === document.id);
    if (current?.needed) last.current = shownText(current, statementOnly).text;
    return last.current;
  }, [live, document.id, statementOnly]);
  return (
    <CopyableTextView
      key={label}
      content={<LiveTextContent getText={getText} />}
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
    (state) => policiesFor(state.answers).documents.find((candidate) => candidate.id === id),
    (a, b) => a === b || (a !== undefined && b !== undefined && sameFrame(a, b)),
  );
  return document ? <DocumentView document={document} Text={LiveText} /> : null;
});

/**
 * The documents for the answers as they are now, following every change.
 * Its parts follow the answers on their own (and are memoised), so a notice
 * that comes or goes redraws the notices alone. The notices are not urgent:
 * a keystroke that changes them shows its documents' text first, and the
 * notices in a render of their own just after (useDeferredValue).
 */
export function LiveDocuments() {
  const layout = useDeferredValue(useLive(panelLayout, samePlainData));
  return <PanelView layout={layout} />;
}

const PanelView = memo(function PanelView({
  layout: { invalid, missing, notes, documentIds },
}: {
  layout: PanelLayout;
}) {
  return (
    <Box component="aside" aria-labelledby="documents-heading">
      <Typography
        component="h2"
        variant="h2"
        id="documents-heading"
        // Focusable from the phone's Policies button, like the step heading.
        tabIndex={-1}
        gutterBottom
        sx={{ '&:focus': { outline: 'none' } }}
      >
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
});
