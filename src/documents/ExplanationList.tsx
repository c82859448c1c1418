import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';

import type { NeededDocument } from '../policy';
import { monospace } from '../ui/theme';

/** Why each action is in the document, from the builder's rules table (loaded on demand). */
export function ExplanationList({ document }: { document: NeededDocument }) {
  return (
    <Box component="dl" sx={{ m: 0, mt: 1 }}>
      {document.explanations.map((explanation) => (
        <Box key={explanation.action} sx={{ mb: 1.5 }}>
          <Typography component="dt" sx={{ fontFamily: monospace, fontWeight: 600 }}>
            {explanation.action}
          </Typography>
          <Box component="dd" sx={{ m: 0, pl: 2 }}>
            <Typography variant="body2">{explanation.purpose}</Typography>
            {explanation.because.map((because) => (
              <Typography
                key={because.source.title + because.answer}
                variant="body2"
                color="textSecondary"
              >
                {because.answer} {because.reason}{' '}
                <Link href={because.source.url} rel="noreferrer">
                  {because.source.title}
                </Link>
              </Typography>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
