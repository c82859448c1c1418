import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type RefObject } from 'react';

import { copyOrSelect } from './copy-and-download';

interface Props {
  /** What the clipboard gets. */
  text: string;
  /** The button's accessible name, e.g. "Copy the fix for dataset import jobs". */
  label: string;
  /** Where the text is shown: selected for a copy by hand when the browser refuses. */
  shownIn: RefObject<HTMLElement | null>;
  /** What the text is, in the announcements: "fix", "command". */
  what: string;
  /** The announcement once copied, when it should say more than "Copied the fix …". */
  copied?: string;
}

/** A Copy button for a text shown beside it, with its result announced on a line of its own. */
export function CopyButton({ text, label, shownIn, what, copied }: Props) {
  const [status, setStatus] = useState('');
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, alignItems: 'center' }}>
      <Button
        variant="outlined"
        size="small"
        aria-label={label}
        onClick={() => {
          void copyOrSelect(text, shownIn.current, {
            copied: copied ?? `Copied the ${what} to the clipboard.`,
            what,
          }).then(({ message }) => {
            setStatus(message);
          });
        }}
      >
        Copy
      </Button>
      <Typography role="status" variant="body2">
        {status}
      </Typography>
    </Box>
  );
}
