import { createTheme, type Theme } from '@mui/material/styles';

let built: Theme | undefined;

/**
 * The app's theme, built on first use: building it (both colour schemes as CSS variables)
 * is one of the longest pieces of start-up work, so it is kept out of module evaluation.
 */
export function appTheme(): Theme {
  built ??= createTheme({
    cssVariables: { colorSchemeSelector: 'class' },
    colorSchemes: {
      light: {
        palette: {
          primary: { main: '#1f5c99' },
          background: { default: '#f6f7f9' },
        },
      },
      dark: {
        palette: {
          primary: { main: '#8cc2ff' },
          background: { default: '#121417', paper: '#1b1e22' },
        },
      },
    },
    typography: {
      // System fonts only: the page loads nothing from other hosts.
      fontFamily:
        'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
      h1: { fontSize: '1.75rem', fontWeight: 600 },
      h2: { fontSize: '1.35rem', fontWeight: 600 },
      h3: { fontSize: '1.1rem', fontWeight: 600 },
    },
    shape: { borderRadius: 8 },
    components: {
      // Keyboard focus on every button-like control (buttons, step buttons,
      // checkboxes, radios, switches): a solid ring in the primary colour, clear
      // of the control's edge, instead of the ripple's faint pulse alone.
      MuiButtonBase: {
        styleOverrides: {
          root: ({ theme }) => ({
            '&.Mui-focusVisible': {
              outline: `2px solid ${theme.vars.palette.primary.main}`,
              outlineOffset: 2,
            },
          }),
        },
      },
    },
  });
  return built;
}

export const monospace =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';
