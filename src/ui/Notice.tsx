import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

const COLORS = {
  info: 'info.main',
  warning: 'warning.main',
  error: 'error.main',
  success: 'success.main',
} as const;

interface Props {
  severity: keyof typeof COLORS;
  children: ReactNode;
  /** `alert` for something that needs attention now; none for standing information. */
  role?: 'alert' | 'status';
  /** Shown as a "Dismiss" button when given. */
  onDismiss?: () => void;
}

/** A framed message: MUI's Alert look without its icons' weight on the first visit. */
export function Notice({ severity, children, role, onDismiss }: Props) {
  return (
    <Box
      role={role}
      sx={{
        display: 'flex',
        gap: 1,
        alignItems: 'flex-start',
        mb: 2,
        px: 2,
        py: 1.5,
        borderRadius: 1,
        border: 1,
        borderColor: COLORS[severity],
        borderLeftWidth: 6,
        bgcolor: 'background.paper',
        color: 'text.primary',
        fontSize: '0.875rem',
        overflowWrap: 'anywhere',
        lineHeight: 1.5,
      }}
    >
      <Box sx={{ flex: '1 1 auto', minWidth: 0 }}>{children}</Box>
      {onDismiss ? (
        <Box
          component="button"
          type="button"
          onClick={onDismiss}
          sx={{
            font: 'inherit',
            color: 'primary.main',
            bgcolor: 'transparent',
            border: 0,
            cursor: 'pointer',
            textDecoration: 'underline',
            p: 0.5,
            // One word that neither shrinks nor breaks: the message beside it wraps instead.
            flexShrink: 0,
            whiteSpace: 'nowrap',
            overflowWrap: 'normal',
            '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
          }}
        >
          Dismiss
        </Box>
      ) : null}
    </Box>
  );
}
