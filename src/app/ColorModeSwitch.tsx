import { useColorScheme } from '@mui/material/styles';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';

const MODES = [
  { value: 'light', label: 'Light' },
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
] as const;

type Mode = (typeof MODES)[number]['value'];

function isMode(value: unknown): value is Mode {
  return MODES.some((mode) => mode.value === value);
}

/** Follows the system by default; the choice is remembered by this browser only. */
export function ColorModeSwitch() {
  const { mode, setMode } = useColorScheme();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={mode ?? 'system'}
      onChange={(_event, value: unknown) => {
        if (isMode(value)) setMode(value);
      }}
      aria-label="Colour theme"
    >
      {MODES.map((item) => (
        <ToggleButton key={item.value} value={item.value}>
          {item.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
