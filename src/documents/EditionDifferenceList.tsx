import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

import { compareEditions } from '../policy';
import { useLive } from '../state/live-answers';

/**
 * What the other edition of the guide would change, for these answers: two
 * more builds per change, made only while someone reads them, from code
 * that loads when the disclosure is first opened.
 */
export function EditionDifferenceList() {
  const answers = useLive((state) => state.answers);
  const { differences } = compareEditions(answers);
  if (differences.length === 0) {
    return (
      <Typography variant="body2" sx={{ mt: 1 }}>
        Nothing: both editions give the same documents for these answers.
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ mt: 1, mb: 0, pl: 2.5 }}>
      {differences.map((difference) => (
        <Typography component="li" variant="body2" key={difference}>
          {difference}
        </Typography>
      ))}
    </Box>
  );
}
