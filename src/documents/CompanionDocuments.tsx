import { useMemo } from 'react';
import Alert from '@mui/material/Alert';

import { buildCompanionDocuments, companionNotes } from '../policy';
import { useLive } from '../wizard/live-answers';
import { DocumentView } from './DocumentView';

/** The S3 access, bucket, trust and PassRole policies the same setup needs. */
export function CompanionDocuments() {
  const answers = useLive((state) => state.answers);
  const documents = useMemo(() => buildCompanionDocuments(answers), [answers]);
  return (
    <>
      {companionNotes(answers).map((note) => (
        <Alert key={note} severity="info" sx={{ mb: 2 }}>
          {note}
        </Alert>
      ))}
      {documents.map((document) => (
        <DocumentView key={document.id} document={document} />
      ))}
    </>
  );
}
