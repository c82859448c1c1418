import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import type { ChangeEvent, FocusEventHandler, ReactNode, Ref } from 'react';

interface Props {
  id: string;
  label: string;
  description: ReactNode;
  checked: boolean;
  disabled?: boolean;
  name?: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onBlur?: FocusEventHandler<HTMLButtonElement>;
  inputRef?: Ref<HTMLInputElement>;
}

/** Where FormControlLabel's label starts: the checkbox's width less its negative margin. */
const LABEL_INDENT = '31px';

/**
 * A checkbox whose name is its short label and whose longer description is
 * read after it (aria-describedby), not run into its name.
 */
export function DescribedCheckbox({
  id,
  label,
  description,
  checked,
  disabled,
  name,
  onChange,
  onBlur,
  inputRef,
}: Props) {
  const descriptionId = `${id}-description`;
  return (
    <Box sx={{ mb: 1 }}>
      <FormControlLabel
        // The box sits level with the label's first line, however many lines it takes.
        sx={{ mr: 0, alignItems: 'flex-start' }}
        disabled={disabled}
        control={
          <Checkbox
            // No ripple: mounting it on the first press and starting and stopping it are
            // three renders before the click's own, about 0.1 s of a first click at 4x CPU
            // slowdown (docs/performance.md). The hover shade, the tick and the keyboard
            // focus ring (src/ui/theme.ts) stay.
            disableRipple
            checked={checked}
            disabled={disabled}
            name={name}
            onChange={onChange}
            onBlur={onBlur}
            slotProps={{ input: { id, ref: inputRef, 'aria-describedby': descriptionId } }}
          />
        }
        // A plain string, so that FormControlLabel styles it (disabled included).
        label={label}
        slotProps={{
          // Padded like the checkbox (9 px around its 24 px icon): each 24 px line, the first
          // level with the box, and the label's end as far below its last line as the box's.
          typography: { sx: { fontWeight: 500, py: '9px' } },
        }}
      />
      <Typography
        id={descriptionId}
        variant="body2"
        color="textSecondary"
        sx={{ pl: LABEL_INDENT, mt: -0.75 }}
      >
        {description}
      </Typography>
    </Box>
  );
}
