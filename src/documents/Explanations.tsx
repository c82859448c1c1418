import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';

import type { NeededDocument } from '../policy';

const loadList = () => import('./ExplanationList');
const ExplanationList = lazy(async () => ({ default: (await loadList()).ExplanationList }));

export function prefetchExplanations(): Promise<unknown> {
  return loadList();
}

/** "Why each action is here", expanded on demand. */
export function Explanations({ document }: { document: NeededDocument }) {
  const [open, setOpen] = useState(false);
  return (
    <Box
      component="details"
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
      sx={{
        mt: 1.5,
        '& > summary': { cursor: 'pointer', fontWeight: 500, py: 0.5 },
        '& > summary:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      <summary>Why each action is here</summary>
      {open ? (
        <Suspense fallback={<Typography variant="body2">Loading the explanations…</Typography>}>
          <ExplanationList document={document} />
        </Suspense>
      ) : null}
    </Box>
  );
}
