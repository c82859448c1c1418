/**
 * Form controls bound to the wizard's one form. Each has a real label, shows
 * its error where it was typed, and is described by its help text.
 */
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import type { ReactNode } from 'react';
import { useFormState, type Control } from 'react-hook-form';

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
  // Uncontrolled: a keystroke reaches the form without re-rendering the field
  // (only the parts of the page that show the answer follow it). The field
  // re-renders when its error changes.
  const { ref, ...registered } = control.register(name);
  const { errors } = useFormState({ control, name, exact: true });
  const id = `answer-${name}`;
  const helpId = `${id}-help`;
  const message = errors[name]?.message;
  return (
    <FormControl fullWidth error={message !== undefined} margin="normal">
      {/* Always above the field: its value can also be set from outside
          (a pasted role ARN, Start over), which an uncontrolled input's label
          would not notice; and the placeholder, an example, stays in view. */}
      <InputLabel htmlFor={id} shrink>
        {label}
      </InputLabel>
      <OutlinedInput
        id={id}
        label={label}
        notched
        {...registered}
        inputRef={ref}
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
