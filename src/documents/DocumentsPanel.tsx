import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { lazy } from 'react';

import {
  compareEditions,
  GUIDE_EDITION_INFO,
  type AnswerField,
  type Answers,
  type Finding,
  type PolicySet,
} from '../policy';
import { Disclosure } from '../app/Disclosure';
import { Notice } from '../app/Notice';
import { DocumentView } from './DocumentView';

const loadCompanions = () => import('./CompanionDocuments');
const CompanionDocuments = lazy(async () => ({
  default: (await loadCompanions()).CompanionDocuments,
}));

export function prefetchCompanions(): Promise<unknown> {
  return loadCompanions();
}

/** The rest of the setup, loaded when asked for. */
function Companions({ answers }: { answers: Answers }) {
  return (
    <Disclosure
      summary="The rest of the setup: S3 access, bucket, trust and PassRole policies"
      sx={{ mt: 1 }}
      summarySx={{ fontWeight: 600, py: 1 }}
    >
      {() => <CompanionDocuments answers={answers} />}
    </Disclosure>
  );
}

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

function fieldLabel(path: string): string {
  const field = path.split('.')[0] ?? path;
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as AnswerField] : field;
}

interface Props {
  policies: PolicySet;
  /** Answers that are not valid yet: the documents leave them out. */
  findings: readonly Finding[];
  /** The (valid) answers the documents were built from. */
  answers: Answers;
}

/** What the other edition of the guide would change, for these answers. */
function EditionDifferences({ answers }: { answers: Answers }) {
  const shown = answers.guide;
  const other = shown === 'current' ? '2023-01' : 'current';
  return (
    <Disclosure
      sx={{ mb: 2 }}
      summary={`Following the ${GUIDE_EDITION_INFO[shown].inSentence}: what the ${GUIDE_EDITION_INFO[other].inSentence} would change`}
    >
      {() => <DifferenceList answers={answers} />}
    </Disclosure>
  );
}

/** Two more builds per keystroke, made only while someone reads them. */
function DifferenceList({ answers }: { answers: Answers }) {
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

export function DocumentsPanel({ policies, findings, answers }: Props) {
  const invalid = [...new Set(findings.map((finding) => fieldLabel(finding.path)))];
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
      {policies.placeholders.length > 0 &&
      policies.documents.some((document) => document.needed) ? (
        <Notice severity="info">
          Still missing:{' '}
          {policies.placeholders.map((item) => FIELD_LABELS[item.field]).join(' and ')}. Until then
          the guide’s placeholders (
          {policies.placeholders.map((item) => item.placeholder).join(', ')}) stand in.
        </Notice>
      ) : null}
      {policies.notes.map((note) => (
        <Notice key={note} severity="info">
          {note}
        </Notice>
      ))}
      <EditionDifferences answers={answers} />
      {policies.documents.map((document) => (
        <DocumentView key={document.id} document={document} />
      ))}
      <Companions answers={answers} />
    </Box>
  );
}
