/**
 * Form controls bound to the wizard's one form. Each has a real label, shows
 * its error where it was typed, and is described by its help text.
 */
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import type { ReactNode } from 'react';
import { useController, type Control } from 'react-hook-form';

import type { Answers } from '../policy';
import type { StringField } from './answer-field';

interface TextFieldProps {
  control: Control<Answers>;
  name: StringField;
  label: string;
  help?: ReactNode;
  /** A warning about a valid value, shown in place of the help. */
  warning?: string;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  autoComplete?: string;
}

export function TextAnswer({
  control,
  name,
  label,
  help,
  warning,
  placeholder,
  inputMode = 'text',
  autoComplete = 'off',
}: TextFieldProps) {
  const { field, fieldState } = useController({ control, name });
  const id = `answer-${name}`;
  const helpId = `${id}-help`;
  const message = fieldState.error?.message;
  return (
    <FormControl fullWidth error={message !== undefined} margin="normal">
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <OutlinedInput
        id={id}
        label={label}
        name={field.name}
        value={field.value}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        placeholder={placeholder}
        inputProps={{
          inputMode,
          autoComplete,
          spellCheck: false,
          autoCapitalize: 'off',
          'aria-describedby': message !== undefined || help !== undefined ? helpId : undefined,
          'aria-invalid': message !== undefined,
        }}
      />
      {message !== undefined || warning !== undefined || help !== undefined ? (
        <FormHelperText
          id={helpId}
          sx={
            warning !== undefined && message === undefined
              ? { color: 'text.primary', fontWeight: 500 }
              : undefined
          }
        >
          {message ?? (warning !== undefined ? `Warning: ${warning}` : help)}
        </FormHelperText>
      ) : null}
    </FormControl>
  );
}
