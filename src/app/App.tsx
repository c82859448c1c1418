import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import CssBaseline from '@mui/material/CssBaseline';
import { CacheProvider } from '@emotion/react';
import { ThemeProvider } from '@mui/material/styles';
import { createPortal } from 'react-dom';

import { Wizard } from '../wizard/Wizard';
import { ColorModeSwitch } from './ColorModeSwitch';
import { ErrorBoundary } from './ErrorBoundary';
import { createStyleCache } from './style-cache';
import { appTheme } from '../ui/theme';

function reload(): void {
  window.location.reload();
}

/** The colour switch belongs in the page's static header. */
function ThemeSwitchInHeader() {
  const target = document.getElementById('theme-switch');
  return target ? createPortal(<ColorModeSwitch />, target) : null;
}

const styleCache = createStyleCache();

export function App() {
  return (
    <CacheProvider value={styleCache}>
      <ThemeProvider theme={appTheme()} defaultMode="system" noSsr>
        <CssBaseline enableColorScheme />
        {/* The header is static HTML in index.html, painted before this runs. */}
        <ThemeSwitchInHeader />
        <Container maxWidth="xl" sx={{ pt: 2, pb: { xs: 9, md: 3 } }}>
          <Box component="main">
            <ErrorBoundary onReload={reload}>
              <Wizard />
            </ErrorBoundary>
          </Box>
        </Container>
      </ThemeProvider>
    </CacheProvider>
  );
}
