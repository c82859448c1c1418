import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';

import { Notice } from '../ui/Notice';

/** What the last load said: the file's name and what was read, or why it was not. */
export type LoadOutcome =
  | { ok: true; fileName: string; filled: readonly string[]; notes: readonly string[] }
  | { ok: false; fileName: string; message: string };

/**
 * The button that opens the file picker, and what the last load said; or, after a reload, that
 * the file loaded before it could not be kept in this tab, as a field says of its text.
 */
export function CollectedFileLoader({
  outcome,
  lostFile,
  onFile,
  onDismissLost,
}: {
  outcome: LoadOutcome | undefined;
  /** The name of the collected file the tab could not keep, which the reload lost. */
  lostFile: string | undefined;
  onFile: (file: File) => void;
  onDismissLost: () => void;
}) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <Box sx={{ my: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <Button
          variant="outlined"
          aria-describedby="check-load-help"
          onClick={() => {
            picker.current?.click();
          }}
        >
          Load collected file
        </Button>
        <Typography variant="body2" id="check-load-help">
          The JSON file the script writes; or drop it on this step. It fills the fields below.
        </Typography>
      </Box>
      {/* Reached through the button (hidden, it is no second stop), which says what it is for. */}
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          // The same file chosen again must load again.
          event.target.value = '';
          if (file !== undefined) onFile(file);
        }}
      />
      {lostFile === undefined ? null : (
        <Box sx={{ mt: 1 }}>
          <Notice severity="warning" role="alert" onDismiss={onDismissLost}>
            <Typography variant="body2">
              {`${lostFile}, loaded before the page was reloaded, could not be kept in this browser tab (its storage is full or turned off), so the check no longer uses what it read. Load it again.`}
            </Typography>
          </Notice>
        </Box>
      )}
      <Box role="status" sx={{ mt: 1 }}>
        {outcome === undefined ? null : outcome.ok ? (
          <Notice severity="success">
            <Box>
              <Typography variant="body2">
                {outcome.filled.length === 0
                  ? `Loaded ${outcome.fileName}: it held no policy for these answers.`
                  : `Loaded ${outcome.fileName}: filled ${outcome.filled.join(', ')}.`}
              </Typography>
              {outcome.notes.length === 0 ? null : (
                <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                  {outcome.notes.map((note) => (
                    <Typography component="li" variant="body2" key={note}>
                      {note}
                    </Typography>
                  ))}
                </Box>
              )}
            </Box>
          </Notice>
        ) : (
          <Notice severity="error">
            <Typography variant="body2">
              {`${outcome.fileName} was not loaded: ${outcome.message}`}
            </Typography>
          </Notice>
        )}
      </Box>
    </Box>
  );
}
