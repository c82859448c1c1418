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
        sx={{ mr: 0 }}
        disabled={disabled}
        control={
          <Checkbox
            checked={checked}
            disabled={disabled}
            name={name}
            onChange={onChange}
            onBlur={onBlur}
            slotProps={{ input: { id, ref: inputRef, 'aria-describedby': descriptionId } }}
          />
        }
        label={<Typography sx={{ fontWeight: 500 }}>{label}</Typography>}
      />
      <Typography
        id={descriptionId}
        variant="body2"
        color="textSecondary"
        sx={{ pl: 4.25, mt: -0.75 }}
      >
        {description}
      </Typography>
    </Box>
  );
}
