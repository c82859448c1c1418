import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo, useId, useRef } from 'react';

import { TermList } from '../ui/TermList';
import { CopyButton } from '../ui/CopyButton';
import { CodeBlock } from '../ui/CopyableText';
import { StatusMark } from '../ui/StatusMark';
import type { CheckFinding, Fix, FindingStatus } from '../policy/check/types';
import { POLICY_KIND_WORDS } from '../policy/evaluate';
import { capitalized } from '../policy/prose';

/** Each status in words: the colour beside it only repeats what the word says. */
export const STATUS_WORDS: Readonly<Record<FindingStatus, string>> = {
  fails: 'Fails',
  warning: 'Warning',
  'cannot-tell': 'Cannot tell',
  'not-checked': 'Not checked',
  works: 'Works',
};

/** Worst first, as the summary counts them. */
const STATUS_ORDER: readonly FindingStatus[] = [
  'fails',
  'warning',
  'cannot-tell',
  'not-checked',
  'works',
];

const STATUS_COLOURS: Readonly<Record<FindingStatus, string>> = {
  fails: 'error.main',
  warning: 'warning.main',
  'cannot-tell': 'info.main',
  'not-checked': 'text.disabled',
  works: 'success.main',
};

const GROUPS: readonly (readonly [CheckFinding['group'], string])[] = [
  ['operation', 'Operations'],
  ['over-grant', 'Grants beyond what the operations need'],
  ['setup', 'Setup facts'],
];

/** Wide enough for the longest status, NOT CHECKED, on one line. */
const MARK_WIDTH = '6.5rem';

/** A fix in one sentence, and what to copy for it shown, with its Copy button. */
export function FixView({ fix, about }: { fix: Fix; about: string }) {
  const shown = useRef<HTMLPreElement>(null);
  return (
    <Box sx={{ mt: 0.5 }}>
      <Typography variant="body2">
        <Box component="span" sx={{ fontWeight: 600 }}>
          Fix:
        </Box>{' '}
        {fix.summary}
      </Typography>
      {fix.copy === undefined ? null : (
        <>
          <CodeBlock
            ref={shown}
            tabIndex={0}
            data-wrap=""
            aria-label={`The fix for ${about}`}
            sx={{ maxHeight: '14rem', mt: 0.5 }}
          >
            {fix.copy}
          </CodeBlock>
          <CopyButton
            text={fix.copy}
            label={`Copy the fix for ${about}`}
            shownIn={shown}
            what="fix"
          />
        </>
      )}
    </Box>
  );
}

type Failure = NonNullable<CheckFinding['failures']>[number];

/** Who asks for what, on what, and which document lacks it or which statement denies it. */
function FailureView({ failure }: { failure: Failure }) {
  const rows: (readonly [string, string])[] = [
    ['Principal', failure.principal],
    ['Action', failure.action],
    ['Resource', failure.resource],
    ['Document', capitalized(POLICY_KIND_WORDS[failure.document])],
  ];
  if (failure.statement !== undefined) rows.push(['Statement', failure.statement]);
  return (
    <Box component="li" sx={{ mb: 1 }}>
      <TermList rows={rows} />
      <Typography variant="body2">{failure.because}</Typography>
    </Box>
  );
}

function FindingItem({ finding }: { finding: CheckFinding }) {
  return (
    <Box component="li" sx={{ mb: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
        <StatusMark
          word={STATUS_WORDS[finding.status]}
          colour={STATUS_COLOURS[finding.status]}
          width={MARK_WIDTH}
        />
        <Typography variant="body2" component="span" sx={{ fontWeight: 600, minWidth: 0 }}>
          {finding.title}
        </Typography>
      </Box>
      <Box sx={{ pl: { xs: 0, sm: `calc(${MARK_WIDTH} + 8px)` } }}>
        {finding.failures === undefined || finding.failures.length === 0 ? null : (
          <Box component="ul" aria-label="What fails" sx={{ pl: 2.5, my: 0.5 }}>
            {finding.failures.map((failure) => (
              <FailureView
                key={`${failure.principal} ${failure.action} ${failure.resource} ${failure.document}`}
                failure={failure}
              />
            ))}
          </Box>
        )}
        {finding.details.length === 0 ? null : (
          <Box component="ul" sx={{ pl: 2.5, my: 0.5 }}>
            {finding.details.map((detail) => (
              <Typography component="li" variant="body2" key={detail}>
                {detail}
              </Typography>
            ))}
          </Box>
        )}
        {finding.fix === undefined ? null : <FixView fix={finding.fix} about={finding.title} />}
      </Box>
    </Box>
  );
}

function FindingGroup({ title, findings }: { title: string; findings: readonly CheckFinding[] }) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <Typography component="h4" variant="subtitle1" id={id} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {findings.length === 0 ? (
        <Typography variant="body2">Nothing to report from what was given.</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', pl: 0, my: 0.5 }}>
          {findings.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** "2 fail, 1 not checked": the counts, worst first. */
function summary(findings: readonly CheckFinding[]): string {
  const counts = STATUS_ORDER.flatMap((status) => {
    const count = findings.filter((finding) => finding.status === status).length;
    return count === 0 ? [] : [`${String(count)} ${STATUS_WORDS[status].toLowerCase()}`];
  });
  return counts.length === 0 ? 'No findings yet.' : `${counts.join(', ')}.`;
}

/** The findings, grouped: per operation, grants beyond need, setup facts. */
export const CheckFindings = memo(function CheckFindings({
  findings,
}: {
  findings: readonly CheckFinding[];
}) {
  return (
    <Box component="section" aria-labelledby="check-findings" sx={{ mt: 3 }}>
      <Typography component="h3" variant="h3" id="check-findings" gutterBottom>
        Findings
      </Typography>
      <Typography variant="body2" gutterBottom>
        {summary(findings)}
      </Typography>
      {GROUPS.map(([group, title]) => (
        <FindingGroup
          key={group}
          title={title}
          findings={findings.filter((finding) => finding.group === group)}
        />
      ))}
    </Box>
  );
});
