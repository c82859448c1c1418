import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Component, type ErrorInfo, type ReactNode } from 'react';

import { retryFailedLoads } from '../ui/lazy-component';
import { Notice } from '../ui/Notice';

interface Props {
  children: ReactNode;
  /** Loads the page again; the address and this tab's draft bring every answer back. */
  onReload: () => void;
}

interface State {
  failed: boolean;
}

/**
 * Never a blank page: shows what happened and offers what recovers without
 * losing anything. Reload comes first: it fetches the page's code again (a
 * failed download is the usual cause), and the answers come back from the
 * address and this tab's draft. It never suggests clearing the answers.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Box sx={{ p: 3 }}>
        <Notice severity="error" role="alert">
          <Typography component="h2" variant="h3" gutterBottom>
            Part of the wizard could not be shown.
          </Typography>
          <Typography gutterBottom>
            This is usually a download that failed, for example while the network was down. Your
            answers are kept: reload the page, and they come back from its address and this tab.
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
            <Button variant="contained" onClick={this.props.onReload}>
              Reload
            </Button>
            <Button
              onClick={() => {
                retryFailedLoads();
                this.setState({ failed: false });
              }}
            >
              Try again
            </Button>
          </Box>
        </Notice>
      </Box>
    );
  }
}
