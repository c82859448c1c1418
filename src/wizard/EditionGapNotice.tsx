import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import type { UseFormReturn } from 'react-hook-form';

import { editionGap, type Answers, type EditionGap } from '../policy';
import { samePlainData, useLive, type LiveState } from '../state/live-answers';
import { Notice } from '../ui/Notice';

/**
 * Looks like MUI's Link (the primary colour, underlined in it at 40%), without
 * its code on the first visit, where this warning is the only link.
 */
const LINK_STYLE = {
  color: 'primary.main',
  textDecorationColor: (theme: Theme) =>
    `rgba(${theme.vars?.palette.primary.mainChannel ?? ''} / 0.4)`,
  '&:hover': { textDecorationColor: 'inherit' },
} as const;

function gapOf(state: LiveState): EditionGap | undefined {
  return editionGap(state.answers);
}

/**
 * Shown on every step (EditionGapWarning.tsx loads it) while the chosen edition's documents are ones AWS later
 * corrected because jobs need more: which actions are missing, and the
 * corrected edition one click away. The default edition stays the one chosen.
 */
export const EditionGapNotice = memo(function EditionGapNotice({
  form,
}: {
  form: UseFormReturn<Answers>;
}) {
  const gap = useLive(gapOf, samePlainData);
  if (gap === undefined) return null;
  return (
    <Notice severity="warning" role="status">
      <Typography sx={{ fontWeight: 600 }}>
        These documents follow a guide that AWS corrected
      </Typography>
      <Typography variant="body2" gutterBottom>
        {gap.message}
      </Typography>
      <Typography variant="body2" gutterBottom>
        {gap.reason}{' '}
        <Box component="a" href={gap.source.url} target="_blank" rel="noreferrer" sx={LINK_STYLE}>
          {gap.source.title}
        </Box>
      </Typography>
      <Box sx={{ mt: 1 }}>
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            form.setValue('guide', gap.correctedBy, { shouldDirty: true, shouldValidate: true });
          }}
        >
          Use the current guide
        </Button>
      </Box>
    </Notice>
  );
});
