import Box from '@mui/material/Box';
import type { CSSObject } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { Suspense, useState, type ReactNode } from 'react';

interface Props {
  summary: ReactNode;
  /** Made only once the disclosure is opened: it may load code or do work. */
  children: () => ReactNode;
  /** Styles of the whole disclosure, and of its summary line. */
  sx?: CSSObject;
  summarySx?: CSSObject;
}

/** A native details element whose content is made, and loaded, when asked for. */
export function Disclosure({ summary, children, sx, summarySx }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Box
      component="details"
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
      sx={{
        '& > summary': { cursor: 'pointer', fontWeight: 500, py: 0.5, ...summarySx },
        '& > summary:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
        ...sx,
      }}
    >
      <summary>{summary}</summary>
      {open ? (
        <Suspense fallback={<Typography variant="body2">Loading…</Typography>}>
          {children()}
        </Suspense>
      ) : null}
    </Box>
  );
}
