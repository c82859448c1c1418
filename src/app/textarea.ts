/**
 * Props that make an OutlinedInput a plain `<textarea>`. MUI's own multiline input
 * (TextareaAutosize) measures itself in a layout effect, which forces a layout of the
 * whole page on every render; `field-sizing: content` grows the plain one with its text
 * instead, and browsers without it keep the `rows` height and scroll.
 */
export const plainTextarea = {
  multiline: true,
  inputComponent: 'textarea',
  // InputBase gives its input type="text", which a textarea does not have.
  inputProps: { type: undefined },
} as const;
