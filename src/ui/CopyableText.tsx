import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { styled } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
  type RefObject,
} from 'react';

import { CheckboxSwitch } from './CheckboxSwitch';
import { monospace } from './theme';
import { readWrapLines, saveWrapLines } from '../state/reading-settings';
import { copyOrSelect, downloadText } from './copy-and-download';

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
 * document's text changes on every keystroke. With `data-wrap`, long lines
 * wrap at the block's edge instead of scrolling sideways, and a line's
 * continuation starts two columns in from the line's own indentation (its
 * `--indent`, see writeLines), so the structure stays readable; the text
 * itself (what Copy and Download take) does not change.
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
    '&[data-wrap]': { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
    [`& .${LINE_CLASS}`]: { display: 'block' },
    [`&[data-wrap] .${LINE_CLASS}`]: {
      paddingInlineStart: 'calc((var(--indent, 0) + 2) * 1ch)',
      textIndent: 'calc((var(--indent, 0) + 2) * -1ch)',
    },
  };
});

const LINE_CLASS = 'code-line';

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Writes `text` into `container` as one element per line, each ending with its
 * newline (so the container's text is `text`, byte for byte), touching only
 * the lines that changed: a keystroke changes one or two.
 */
export function writeLines(container: HTMLElement, text: string): void {
  const lines = text.split(/(?<=\n)/);
  const children = container.children;
  lines.forEach((line, index) => {
    let element = children[index];
    if (!(element instanceof HTMLElement)) {
      element = container.ownerDocument.createElement('span');
      element.className = LINE_CLASS;
      container.append(element);
    }
    if (element.textContent !== line) {
      element.textContent = line;
      (element as HTMLElement).style.setProperty('--indent', String(leadingSpaces(line)));
    }
  });
  while (children.length > lines.length) children[children.length - 1]?.remove();
}

/** A text shown as lines, written by writeLines before paint, like the live documents'. */
function Lines({ text }: { text: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) writeLines(ref.current, text);
  }, [text]);
  return <span ref={ref} />;
}

/** Whether code blocks wrap long lines: one choice for every block, kept for the session. */
let wrapOn = readWrapLines();
const wrapListeners = new Set<() => void>();

function setWrap(on: boolean): void {
  wrapOn = on;
  saveWrapLines(on);
  for (const listener of wrapListeners) listener();
}

function subscribeWrap(listener: () => void): () => void {
  wrapListeners.add(listener);
  return () => {
    wrapListeners.delete(listener);
  };
}

function useWrapLines(): boolean {
  return useSyncExternalStore(
    subscribeWrap,
    () => wrapOn,
    () => true,
  );
}

/** The "Wrap long lines" switch; it applies to every code block at once. */
const WrapSwitch = memo(function WrapSwitch() {
  const on = useWrapLines();
  return (
    <CheckboxSwitch small sx={{ mr: 0 }} checked={on} onChange={setWrap} label="Wrap long lines" />
  );
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
  const [status, setStatus] = useState({ text: '', oneLine: true });

  const copy = async () => {
    const { copied, message } = await copyOrSelect(getText(), preRef.current, {
      copied: 'Copied to the clipboard.',
      what: 'text',
    });
    setStatus({ text: message, oneLine: copied });
  };

  return (
    <Box sx={{ mt: 1 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, alignItems: 'center' }}>
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
            setStatus({ text: `Downloaded ${fileName}.`, oneLine: true });
          }}
          aria-label={`Download ${label}`}
        >
          Download
        </Button>
        <WrapSwitch />
      </Box>
      {/* A line of its own, always there: a confirmation moves nothing. A long
          file name is cut visually (read out whole); the refusal, which says
          what to do, wraps. */}
      <Typography role="status" variant="body2" noWrap={status.oneLine} sx={{ minHeight: '1.5em' }}>
        {status.text}
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
  const wrap = useWrapLines();
  return (
    <>
      <CodeBlock
        ref={preRef}
        tabIndex={0}
        aria-label={`${label} ${format}`}
        data-wrap={wrap ? '' : undefined}
      >
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
      content={<Lines text={text} />}
      getText={getText}
      fileName={fileName}
      label={label}
      format={format}
      mimeType={mimeType}
    />
  );
}
