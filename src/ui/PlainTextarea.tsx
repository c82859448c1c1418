import OutlinedInput, { type OutlinedInputProps } from '@mui/material/OutlinedInput';

import { monospace } from './theme';

type Props = Omit<OutlinedInputProps, 'multiline' | 'inputComponent'>;

/**
 * An OutlinedInput as a plain monospace `<textarea>`. MUI's own multiline input
 * (TextareaAutosize) measures itself in a layout effect, which forces a layout of the
 * whole page on every render; `field-sizing: content` grows the plain one with its text
 * instead, and browsers without it keep the `rows` height and scroll. The caller's
 * `inputProps` (and their `style`) are merged in.
 */
export function PlainTextarea({ inputProps, ...props }: Props) {
  return (
    <OutlinedInput
      {...props}
      multiline
      inputComponent="textarea"
      inputProps={{
        ...inputProps,
        // InputBase gives its input type="text", which a textarea does not have.
        type: undefined,
        style: {
          fontFamily: monospace,
          fontSize: '0.8125rem',
          fieldSizing: 'content',
          ...inputProps?.style,
        },
      }}
    />
  );
}
