import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { memo, useRef } from 'react';

import { CopyButton } from '../ui/CopyButton';
import { CodeBlock } from '../ui/CopyableText';
import type { ExplainedError, RankedCause } from '../policy/check/types';
import { FixView } from './CheckFindings';

const LIKELIHOOD_WORDS: Readonly<Record<RankedCause['likelihood'], string>> = {
  confirmed: 'Confirmed',
  likely: 'Likely',
  possible: 'Possible',
};

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
      {explained.matched.length === 0 ? (
        <Typography variant="body2" gutterBottom>
          The message matches none of the messages this page knows; the causes below come from the
          findings alone.
        </Typography>
      ) : (
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
      {explained.causes.length === 0 ? (
        <Typography variant="body2">
          No cause can be named from what was given: paste the policies, or load a collected file.
        </Typography>
      ) : (
        <Box component="ol" aria-label="Causes, most likely first" sx={{ pl: 2.5, my: 0.5 }}>
          {explained.causes.map((cause) => (
            <CauseItem key={cause.cause} cause={cause} />
          ))}
        </Box>
      )}
    </Box>
  );
});
