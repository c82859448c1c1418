import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import type { ReactNode } from 'react';
import { useController, type Control } from 'react-hook-form';

import type { Answers } from '../policy';
import type { StringField } from './answer-field';

/** A radio group bound to one answer, with its legend and help. */
interface ChoiceProps<T extends string> {
  control: Control<Answers>;
  name: StringField;
  legend: string;
  options: readonly { value: T; label: ReactNode }[];
  help?: ReactNode;
  /** Called after the answer changes, with the new value (one of the options'). */
  onChange?: (value: T) => void;
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
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange?.(chosen.value);
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
