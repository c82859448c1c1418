/**
 * Form controls bound to the wizard's one form. Each has a real label, shows
 * its error where it was typed, and is described by its help text.
 */
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import InputLabel from '@mui/material/InputLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import type { ReactNode } from 'react';
import { useController, type Control } from 'react-hook-form';

import type { Answers } from '../policy';

type StringField = {
  [K in keyof Answers]: Answers[K] extends string ? K : never;
}[keyof Answers];

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
            warning !== undefined && message === undefined ? { color: 'warning.main' } : undefined
          }
        >
          {message ?? (warning !== undefined ? `Warning: ${warning}` : help)}
        </FormHelperText>
      ) : null}
    </FormControl>
  );
}

interface ChoiceProps<T extends string> {
  control: Control<Answers>;
  name: StringField;
  legend: string;
  options: readonly { value: T; label: ReactNode }[];
  help?: ReactNode;
  /** Called after the answer changes, with the new value. */
  onChange?: (value: string) => void;
}

export function ChoiceAnswer<T extends string>({
  control,
  name,
  legend,
  options,
  help,
  onChange,
}: ChoiceProps<T>) {
  const { field, fieldState } = useController({ control, name });
  const id = `answer-${name}`;
  const message = fieldState.error?.message;
  return (
    <FormControl component="fieldset" margin="normal" error={message !== undefined}>
      <FormLabel component="legend" id={`${id}-legend`}>
        {legend}
      </FormLabel>
      <RadioGroup
        aria-labelledby={`${id}-legend`}
        aria-describedby={message !== undefined || help !== undefined ? `${id}-help` : undefined}
        name={field.name}
        value={field.value}
        onChange={(event) => {
          field.onChange(event.target.value);
          onChange?.(event.target.value);
        }}
        onBlur={field.onBlur}
      >
        {options.map((option, index) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            control={<Radio slotProps={{ input: { ref: index === 0 ? field.ref : undefined } }} />}
            label={option.label}
          />
        ))}
      </RadioGroup>
      {message !== undefined || help !== undefined ? (
        <FormHelperText id={`${id}-help`}>{message ?? help}</FormHelperText>
      ) : null}
    </FormControl>
  );
}

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
