import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';

/**
 * An on/off setting: a checkbox with the switch role (MUI's Switch adds code
 * not worth its weight). `small` fits it beside buttons, with body2 text.
 */
export function CheckboxSwitch({
  checked,
  onChange,
  label,
  small = false,
  sx,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  small?: boolean;
  sx?: SxProps<Theme>;
}) {
  return (
    <FormControlLabel
      sx={sx}
      control={
        <Checkbox
          size={small ? 'small' : 'medium'}
          checked={checked}
          onChange={(event) => {
            onChange(event.target.checked);
          }}
          slotProps={{ input: { role: 'switch' } }}
        />
      }
      label={label}
      slotProps={small ? { typography: { variant: 'body2' } } : undefined}
    />
  );
}
