/**
 * Form controls bound to the wizard's one form. Each has a real label, shows
 * its error where it was typed, and is described by its help text.
 */
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useState, type ClipboardEvent, type FocusEvent, type ReactNode } from 'react';
import { useFormState, type UseFormReturn } from 'react-hook-form';

import { ANSWER_MAX_LENGTH, cleanAnswer, type Answers, type TextField } from '../policy';
import { withThousands } from '../policy/prose';

interface TextFieldProps {
  form: UseFormReturn<Answers>;
  name: TextField;
  label: string;
  help?: ReactNode;
  /** A warning about a valid value, shown in place of the help. */
  warning?: string;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  autoComplete?: string;
}

export function TextAnswer({
  form,
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
  const { control } = form;
  const { ref, onBlur, onChange, ...registered } = control.register(name);
  const { errors } = useFormState({ control, name, exact: true });
  // What was cleaned from the last paste or on leaving the field, or why a paste was refused.
  const [note, setNote] = useState<string>();
  const id = `answer-${name}`;
  const helpId = `${id}-help`;
  const message = errors[name]?.message;
  const limit = ANSWER_MAX_LENGTH[name];

  /** Puts the cleaned value in place of `raw`, and says what was cleaned. */
  const putCleaned = (raw: string, cleaned = cleanAnswer(name, raw)): boolean => {
    if (cleaned.value === raw) return false;
    form.setValue(name, cleaned.value, {
      shouldDirty: true,
      shouldValidate: form.getFieldState(name).isTouched,
    });
    setNote(cleaned.cleaned);
    return true;
  };

  // Pasted text is cleaned the way the AWS console writes it (dashes in an
  // account ID, spaces around a name or ARN) before the field's length limit
  // would cut it; a paste longer than any valid value is refused whole.
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const pasted = event.clipboardData.getData('text');
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const raw = `${input.value.slice(0, start)}${pasted}${input.value.slice(end)}`;
    const cleaned = cleanAnswer(name, raw);
    if (cleaned.value.length > limit) {
      event.preventDefault();
      setNote(
        `Not pasted: the text is ${withThousands(pasted.length)} characters long, which would make this answer ${withThousands(cleaned.value.length)}; it is at most ${withThousands(limit)}.`,
      );
      return;
    }
    if (putCleaned(raw, cleaned)) event.preventDefault();
    else setNote(undefined);
  };

  const onLeave = (event: FocusEvent<HTMLInputElement>) => {
    putCleaned(event.currentTarget.value);
    void onBlur(event);
  };
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
        onChange={(event) => {
          if (note !== undefined) setNote(undefined);
          void onChange(event);
        }}
        onBlur={onLeave}
        inputRef={ref}
        placeholder={placeholder}
        inputProps={{
          onPaste,
          maxLength: limit,
          inputMode,
          autoComplete,
          spellCheck: false,
          autoCapitalize: 'off',
          'aria-describedby':
            message !== undefined || help !== undefined || note !== undefined ? helpId : undefined,
          'aria-invalid': message !== undefined,
        }}
      />
      {message !== undefined ||
      warning !== undefined ||
      help !== undefined ||
      note !== undefined ? (
        <FormHelperText
          id={helpId}
          sx={
            warning !== undefined && message === undefined
              ? { color: 'text.primary', fontWeight: 500 }
              : undefined
          }
        >
          {message ?? note ?? (warning !== undefined ? `Warning: ${warning}` : help)}
        </FormHelperText>
      ) : null}
    </FormControl>
  );
}
