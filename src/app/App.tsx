import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import Typography from '@mui/material/Typography';

import { GUIDE_URL } from '../policy';
import { Wizard } from '../wizard/Wizard';
import { ColorModeSwitch } from './ColorModeSwitch';
import { ErrorBoundary } from './ErrorBoundary';
import { theme } from './theme';

function startOver(): void {
  window.sessionStorage.clear();
  window.location.replace(window.location.pathname);
}

export function App() {
  return (
    <ThemeProvider theme={theme} defaultMode="system">
      <CssBaseline enableColorScheme />
      <Container maxWidth="xl" sx={{ py: { xs: 2, md: 3 } }}>
        <Box
          component="header"
          sx={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'flex-start',
            justifyContent: 'space-between',
            gap: 2,
            mb: 2,
          }}
        >
          <Box sx={{ minWidth: 0, flex: '1 1 20rem' }}>
            <Typography variant="h1" gutterBottom>
              Personalize KMS policy wizard
            </Typography>
            <Typography color="text.secondary">
              Answer a few questions and get the KMS key policy and service-role IAM policy that
              Amazon Personalize needs, as the{' '}
              <Box
                component="a"
                href={GUIDE_URL}
                rel="noreferrer"
                sx={{ color: 'primary.main', textUnderlineOffset: '0.2em' }}
              >
                Personalize KMS guide
              </Box>{' '}
              describes it. Everything runs in your browser; nothing you type leaves it.
            </Typography>
          </Box>
          <ColorModeSwitch />
        </Box>
        <Box component="main">
          <ErrorBoundary onStartOver={startOver}>
            <Wizard />
          </ErrorBoundary>
        </Box>
      </Container>
    </ThemeProvider>
  );
}
