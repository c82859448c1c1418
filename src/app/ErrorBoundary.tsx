import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Component, type ErrorInfo, type ReactNode } from 'react';

import { Notice } from '../ui/Notice';

interface Props {
  children: ReactNode;
  /** Clears every answer (the link's query string included). */
  onStartOver: () => void;
}

interface State {
  failed: boolean;
}

/**
 * Never a blank page: shows what happened, keeps the address (and so every
 * answer in it), and offers to try again or start over.
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
            Something went wrong while showing the wizard.
          </Typography>
          <Typography gutterBottom>
            Your answers are still in this page’s address, so reloading or trying again keeps them.
            If the problem comes back, start over.
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
            <Button
              variant="contained"
              onClick={() => {
                this.setState({ failed: false });
              }}
            >
              Try again
            </Button>
            <Button
              onClick={() => {
                this.props.onStartOver();
                this.setState({ failed: false });
              }}
            >
              Start over
            </Button>
          </Box>
        </Notice>
      </Box>
    );
  }
}
