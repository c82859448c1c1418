import { companionNotes } from '../policy';
import { useLive } from '../state/live-answers';
import { Notice } from '../ui/Notice';
import { companionDocumentsFor } from './built';
import { DocumentView } from './DocumentView';

/** The S3 access, bucket, trust and PassRole policies the same setup needs. */
export function CompanionDocuments() {
  const answers = useLive((state) => state.answers);
  const documents = companionDocumentsFor(answers);
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
