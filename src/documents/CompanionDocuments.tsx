import { useMemo } from 'react';

import { buildCompanionDocuments, companionNotes } from '../policy';
import { Notice } from '../app/Notice';
import { useLive } from '../wizard/live-answers';
import { DocumentView } from './DocumentView';

/** The S3 access, bucket, trust and PassRole policies the same setup needs. */
export function CompanionDocuments() {
  const answers = useLive((state) => state.answers);
  const documents = useMemo(() => buildCompanionDocuments(answers), [answers]);
  return (
    <>
      {companionNotes(answers).map((note) => (
        <Notice key={note} severity="info">
          {note}
        </Notice>
      ))}
      {documents.map((document) => (
        <DocumentView key={document.id} document={document} />
      ))}
    </>
  );
}
