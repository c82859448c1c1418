import Alert from '@mui/material/Alert';

import { buildCompanionDocuments, companionNotes, type Answers } from '../policy';
import { DocumentView } from './DocumentView';

/** The S3 access, bucket, trust and PassRole policies the same setup needs. */
export function CompanionDocuments({ answers }: { answers: Answers }) {
  const documents = buildCompanionDocuments(answers);
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
