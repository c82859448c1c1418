import Box from '@mui/material/Box';

interface Props {
  /** The status in one word or two: the colour only repeats what it says. */
  word: string;
  /** A theme colour, e.g. "error.main", for the bar beside the word. */
  colour: string;
  /** The width of the column the marks line up in, wide enough for the longest word. */
  width: string;
}

/** A status word in capitals, with a bar of its colour, in a column of its own. */
export function StatusMark({ word, colour, width }: Props) {
  return (
    <Box
      component="span"
      sx={{
        flex: `0 0 ${width}`,
        whiteSpace: 'nowrap',
        fontSize: '0.75rem',
        fontWeight: 700,
        textTransform: 'uppercase',
        // The colour is a bar beside the word, which keeps the text's contrast.
        color: 'text.primary',
        borderLeft: 4,
        borderColor: colour,
        pl: 0.5,
      }}
    >
      {word}
    </Box>
  );
}
