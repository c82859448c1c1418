import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';

import { monospace } from '../app/theme';
import { copyText, downloadText, selectContents } from './clipboard';

interface Props {
  /** The exact text: shown, copied and downloaded byte for byte. */
  text: string;
  fileName: string;
  /** Names the text for the buttons and the announcement, e.g. "KMS key policy". */
  label: string;
  /** What the text is, for screen readers: "JSON", "YAML", … */
  format: string;
  mimeType?: string;
}

/** A text in a focusable pre, with Copy and Download and an announced result. */
export function CopyableText({ text, fileName, label, format, mimeType }: Props) {
  const [status, setStatus] = useState('');
  const preRef = useRef<HTMLPreElement>(null);

  const copy = async () => {
    if (await copyText(text)) {
      setStatus(`Copied the ${label} to the clipboard.`);
      return;
    }
    if (preRef.current) selectContents(preRef.current);
    setStatus(
      'Your browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
  };

  return (
    <>
      <Box
        component="pre"
        ref={preRef}
        tabIndex={0}
        aria-label={`${label} ${format}`}
        sx={{
          fontFamily: monospace,
          fontSize: '0.8125rem',
          lineHeight: 1.5,
          m: 0,
          p: 1.5,
          borderRadius: 1,
          overflowX: 'auto',
          maxHeight: '32rem',
          bgcolor: 'action.hover',
          '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
        }}
      >
        {text}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
        <Button
          variant="contained"
          size="small"
          onClick={() => {
            void copy();
          }}
          aria-label={`Copy ${label}`}
        >
          Copy
        </Button>
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            downloadText(text, fileName, mimeType);
            setStatus(`Downloaded ${fileName}.`);
          }}
          aria-label={`Download ${label}`}
        >
          Download
        </Button>
        <Typography role="status" variant="body2" sx={{ minHeight: '1.5em' }}>
          {status}
        </Typography>
      </Box>
    </>
  );
}
