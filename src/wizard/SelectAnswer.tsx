import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import type { ReactNode } from 'react';
import { useController, type Control } from 'react-hook-form';

import type { Answers } from '../policy';
import type { StringField } from './answer-field';

interface SelectProps {
  control: Control<Answers>;
  name: StringField;
  label: string;
  options: readonly { value: string; label: string }[];
  help?: ReactNode;
}

/** A native select: light, and the platform's own picker on phones. */
export function SelectAnswer({ control, name, label, options, help }: SelectProps) {
  const { field, fieldState } = useController({ control, name });
  const id = `answer-${name}`;
  const message = fieldState.error?.message;
  return (
    <FormControl fullWidth margin="normal" error={message !== undefined}>
      <InputLabel htmlFor={id} shrink>
        {label}
      </InputLabel>
      <NativeSelect
        id={id}
        name={field.name}
        value={field.value}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        input={<OutlinedInput label={label} notched />}
        inputProps={{
          'aria-describedby': `${id}-help`,
          'aria-invalid': message !== undefined,
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
      <FormHelperText id={`${id}-help`}>{message ?? help}</FormHelperText>
    </FormControl>
  );
}
