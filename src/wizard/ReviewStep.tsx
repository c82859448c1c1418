import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import Typography from '@mui/material/Typography';
import { useWatch } from 'react-hook-form';

import { monospace } from '../app/theme';
import { applyInstructions, salvageAnswers } from '../policy';
import type { StepProps } from './step-props';

export function ReviewStep({ form, policies, shareUrl }: StepProps) {
  const values = useWatch({ control: form.control });
  const { answers } = salvageAnswers(values);
  const needed = policies.documents.filter((document) => document.needed);
  return (
    <>
      <Typography component="h3" variant="h3" gutterBottom>
        How to apply them
      </Typography>
      {needed.length === 0 ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          Nothing to apply: with these answers Personalize needs no KMS permissions.
        </Alert>
      ) : (
        <Box component="ol" sx={{ pl: 3, mt: 0 }}>
          {needed.map((document) => {
            const how = applyInstructions(document, answers);
            return (
              <Box component="li" key={document.id} sx={{ mb: 2 }}>
                <Typography sx={{ fontWeight: 600 }}>{document.title}</Typography>
                <Typography variant="body2" gutterBottom>
                  {how.console}
                </Typography>
                <Typography variant="body2">Or with the AWS CLI:</Typography>
                <Box
                  component="pre"
                  tabIndex={0}
                  aria-label={`AWS CLI commands for the ${document.title}`}
                  sx={{
                    fontFamily: monospace,
                    fontSize: '0.8125rem',
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-all',
                    bgcolor: 'action.hover',
                    p: 1,
                    borderRadius: 1,
                    my: 0.5,
                  }}
                >
                  {how.cli.join('\n')}
                </Box>
                {how.caution !== undefined ? (
                  <Typography variant="body2" color="text.secondary">
                    {how.caution}
                  </Typography>
                ) : null}
              </Box>
            );
          })}
        </Box>
      )}
      <Typography component="h3" variant="h3" gutterBottom>
        Share these answers
      </Typography>
      <Typography variant="body2" gutterBottom>
        The link holds your answers (not the policies), so it reopens the wizard as it is now.
      </Typography>
      <FormControl fullWidth margin="dense">
        <InputLabel htmlFor="share-link">Share link</InputLabel>
        <OutlinedInput
          id="share-link"
          label="Share link"
          value={shareUrl}
          readOnly
          multiline
          onFocus={(event) => {
            event.currentTarget.select();
          }}
          inputProps={{
            spellCheck: false,
            style: { fontFamily: monospace, fontSize: '0.8125rem' },
          }}
        />
      </FormControl>
      <Typography variant="body2" color="text.secondary">
        Use “Copy share link” below the steps to copy it.
      </Typography>
    </>
  );
}
