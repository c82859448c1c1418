/**
 * Terms and their values as a description list, the terms in a column of their own: who asks
 * for what in a finding, what an error message names.
 */
import Box from '@mui/material/Box';

export function TermList({
  rows,
  label,
  spaced = false,
}: {
  rows: readonly (readonly [term: string, value: string])[];
  /** The list's accessible name, when it needs one. */
  label?: string;
  /** Space above and below, when it stands between paragraphs. */
  spaced?: boolean;
}) {
  return (
    <Box
      component="dl"
      aria-label={label}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 1,
        m: 0,
        my: spaced ? 1 : 0,
        fontSize: '0.875rem',
        '& dt': { fontWeight: 600 },
        '& dd': { m: 0, overflowWrap: 'anywhere' },
      }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </Box>
  );
}
