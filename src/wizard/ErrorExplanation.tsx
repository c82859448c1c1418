import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { memo, useRef } from 'react';

import { TermList } from '../ui/TermList';
import { CopyButton } from '../ui/CopyButton';
import { CodeBlock } from '../ui/CopyableText';
import { OPERATION_INFO } from '../policy';
import type { ExplainedError, MessageFacts, RankedCause } from '../policy/check/types';
import { FixView } from './CheckFindings';

const LIKELIHOOD_WORDS: Readonly<Record<RankedCause['likelihood'], string>> = {
  confirmed: 'Confirmed',
  likely: 'Likely',
  possible: 'Possible',
};

const NAMED_WORDS: readonly (readonly [keyof MessageFacts, string])[] = [
  ['operation', 'Operation'],
  ['apiOperation', 'API call'],
  ['principal', 'Principal'],
  ['action', 'Action'],
  ['keyArn', 'Key'],
  ['bucket', 'Bucket'],
  ['role', 'Role'],
  ['deniedBy', 'Denied by'],
];

const DENIED_BY_WORDS: Readonly<Record<NonNullable<MessageFacts['deniedBy']>, string>> = {
  'identity-policy': 'no identity-based policy allows it',
  'resource-policy': 'no resource-based policy allows it',
  'explicit-deny': 'an explicit deny',
};

/** What the message names (who, which action, which key or bucket), as a list of terms. */
function NamedFacts({ named }: { named: MessageFacts }) {
  const words = (fact: keyof MessageFacts): string | undefined => {
    if (fact === 'deniedBy') return named.deniedBy && DENIED_BY_WORDS[named.deniedBy];
    if (fact === 'operation') {
      const operation = named.operation;
      if (operation === undefined) return undefined;
      return operation === 'dataset-group'
        ? 'The encrypted dataset group'
        : OPERATION_INFO[operation].label;
    }
    return named[fact];
  };
  const rows = NAMED_WORDS.flatMap(([fact, term]) => {
    const value = words(fact);
    return value === undefined || value === '' ? [] : [[term, value] as const];
  });
  if (rows.length === 0) return null;
  return <TermList rows={rows} label="What the message names" spaced />;
}

function CauseItem({ cause }: { cause: RankedCause }) {
  const command = useRef<HTMLPreElement>(null);
  return (
    <Box component="li" sx={{ mb: 2 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {`${LIKELIHOOD_WORDS[cause.likelihood]}: ${cause.cause}`}
      </Typography>
      <Typography variant="body2">{cause.evidence}</Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        Confirm it with:
      </Typography>
      <CodeBlock
        ref={command}
        tabIndex={0}
        data-wrap=""
        aria-label={`The command that confirms: ${cause.cause}`}
      >
        {cause.confirm}
      </CodeBlock>
      <CopyButton
        text={cause.confirm}
        label={`Copy the command that confirms: ${cause.cause}`}
        shownIn={command}
        what="command"
      />
      <FixView fix={cause.fix} about={cause.cause} />
    </Box>
  );
}

/** What a pasted error message means: the messages it matched, and its causes for this setup, most likely first. */
export const ErrorExplanation = memo(function ErrorExplanation({
  explained,
}: {
  explained: ExplainedError;
}) {
  return (
    <Box component="section" aria-labelledby="check-error" sx={{ mt: 3 }}>
      <Typography component="h3" variant="h3" id="check-error" gutterBottom>
        What the error message means
      </Typography>
      {explained.note === undefined ? null : (
        <Typography variant="body2" gutterBottom>
          {explained.note}
        </Typography>
      )}
      {explained.matched.length === 0 ? null : (
        <Box component="ul" aria-label="Messages it matches" sx={{ pl: 2.5, my: 0.5 }}>
          {explained.matched.map((entry) => (
            <Typography component="li" variant="body2" key={entry.id} sx={{ mb: 0.5 }}>
              {`${entry.service}: ${entry.meaning} `}
              <Link href={entry.source.url} target="_blank" rel="noreferrer">
                {entry.source.title}
              </Link>
            </Typography>
          ))}
        </Box>
      )}
      {explained.named === undefined ? null : <NamedFacts named={explained.named} />}
      {explained.causes.length === 0 ? (
        <Typography variant="body2">
          No cause can be named from what was given: paste the policies, or load a collected file.
        </Typography>
      ) : (
        <Box component="ol" aria-label="Causes, most likely first" sx={{ pl: 2.5, my: 0.5 }}>
          {explained.causes.map((cause) => (
            <CauseItem key={cause.id ?? cause.cause} cause={cause} />
          ))}
        </Box>
      )}
    </Box>
  );
});
