import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useColorScheme } from '@mui/material/styles';

const MODES = [
  { value: 'light', label: 'Light' },
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
] as const;

/** Follows the system by default; the choice is remembered by this browser only. */
export function ColorModeSwitch() {
  const { mode, setMode } = useColorScheme();
  const current = mode ?? 'system';
  return (
    <Box role="group" aria-label="Colour theme" sx={{ display: 'flex', gap: 0.5 }}>
      {MODES.map((item) => (
        <Button
          key={item.value}
          size="small"
          variant={current === item.value ? 'contained' : 'outlined'}
          aria-pressed={current === item.value}
          onClick={() => {
            setMode(item.value);
          }}
        >
          {item.label}
        </Button>
      ))}
    </Box>
  );
}
