import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { styled } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';

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

/**
 * A focusable block of code or JSON. Fixed styles (no per-render sx): a
 * document's text changes on every keystroke.
 */
export const CodeBlock = styled('pre')(({ theme }) => {
  const tokens = theme.vars ?? theme;
  return {
    fontFamily: monospace,
    fontSize: '0.8125rem',
    lineHeight: 1.5,
    margin: 0,
    padding: theme.spacing(1.5),
    borderRadius: tokens.shape.borderRadius,
    overflowX: 'auto',
    maxHeight: '32rem',
    backgroundColor: tokens.palette.action.hover,
    '&:focus-visible': { outline: `2px solid ${tokens.palette.primary.main}` },
  };
});

interface ActionsProps {
  /** The text as it is now (read when a button is pressed). */
  getText: () => string;
  preRef: RefObject<HTMLPreElement | null>;
  fileName: string;
  label: string;
  mimeType?: string;
}

/** Copy, Download and the announced result; they do not change with the text. */
const CopyActions = memo(function CopyActions({
  getText,
  preRef,
  fileName,
  label,
  mimeType,
}: ActionsProps) {
  const [status, setStatus] = useState('');

  const copy = async () => {
    if (await copyText(getText())) {
      setStatus(`Copied the ${label} to the clipboard.`);
      return;
    }
    if (preRef.current) selectContents(preRef.current);
    setStatus(
      'Your browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
  };

  return (
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
          downloadText(getText(), fileName, mimeType);
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
  );
});

interface ViewProps {
  /** What the pre shows: the text, or a component that writes it and follows it. */
  content: ReactNode;
  /** The text as it is now, for Copy and Download. */
  getText: () => string;
  fileName: string;
  label: string;
  format: string;
  mimeType?: string;
}

/**
 * The pre and its buttons. When `content` follows the text by itself, a
 * change of text re-renders nothing here: the content writes the new text.
 */
export const CopyableTextView = memo(function CopyableTextView({
  content,
  getText,
  fileName,
  label,
  format,
  mimeType,
}: ViewProps) {
  const preRef = useRef<HTMLPreElement>(null);
  return (
    <>
      <CodeBlock ref={preRef} tabIndex={0} aria-label={`${label} ${format}`}>
        {content}
      </CodeBlock>
      <CopyActions
        getText={getText}
        preRef={preRef}
        fileName={fileName}
        label={label}
        mimeType={mimeType}
      />
    </>
  );
});

/** A text in a focusable pre, with Copy and Download and an announced result. */
export function CopyableText({ text, fileName, label, format, mimeType }: Props) {
  const textRef = useRef(text);
  useEffect(() => {
    textRef.current = text;
  }, [text]);
  const getText = useCallback(() => textRef.current, []);
  return (
    <CopyableTextView
      content={text}
      getText={getText}
      fileName={fileName}
      label={label}
      format={format}
      mimeType={mimeType}
    />
  );
}
