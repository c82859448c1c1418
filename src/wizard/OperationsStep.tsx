import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Typography from '@mui/material/Typography';
import { useController, useWatch } from 'react-hook-form';

import {
  CURRENT_GUIDE_ONLY,
  GUIDE_EDITION_INFO,
  GUIDE_EDITIONS,
  OPERATION_INFO,
  OPERATIONS,
  type Operation,
} from '../policy';
import { ChoiceAnswer } from './fields';
import type { StepProps } from './step-props';

function GuideEditionChoice({ form }: StepProps) {
  return (
    <ChoiceAnswer
      control={form.control}
      name="guide"
      legend="Which edition of the Personalize KMS guide should the policies follow?"
      options={GUIDE_EDITIONS.map((edition) => ({
        value: edition,
        label: (
          <>
            <Typography component="span" sx={{ display: 'block', fontWeight: 500 }}>
              {GUIDE_EDITION_INFO[edition].label}
            </Typography>
            <Typography
              component="span"
              variant="body2"
              color="text.secondary"
              sx={{ display: 'block' }}
            >
              {GUIDE_EDITION_INFO[edition].description}
            </Typography>
          </>
        ),
      }))}
      onChange={(edition) => {
        // Batch segment jobs exist only in the current guide.
        if (edition !== 'current') {
          const operations = form.getValues('operations');
          const kept = operations.filter((op) => !CURRENT_GUIDE_ONLY.includes(op));
          if (kept.length !== operations.length) {
            form.setValue('operations', kept, { shouldValidate: true, shouldDirty: true });
          }
        }
      }}
    />
  );
}

export function OperationsStep(props: StepProps) {
  const { form } = props;
  const { field, fieldState } = useController({ control: form.control, name: 'operations' });
  const guide = useWatch({ control: form.control, name: 'guide' });
  const selected = new Set<Operation>(field.value);
  const toggle = (operation: Operation, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(operation);
    else next.delete(operation);
    // Canonical order, so the same choices always give the same link.
    field.onChange(OPERATIONS.filter((op) => next.has(op)));
  };
  return (
    <>
      <FormControl component="fieldset" error={fieldState.error !== undefined} fullWidth>
        <FormLabel component="legend" id="operations-legend" sx={{ mb: 1 }}>
          Which Amazon Personalize operations does your team run?
        </FormLabel>
        <FormGroup aria-labelledby="operations-legend" aria-describedby="operations-help">
          {OPERATIONS.map((operation, index) => {
            const info = OPERATION_INFO[operation];
            const descriptionId = `operation-${operation}-description`;
            const unavailable = guide !== 'current' && CURRENT_GUIDE_ONLY.includes(operation);
            return (
              <FormControlLabel
                key={operation}
                sx={{ alignItems: 'flex-start', mb: 1 }}
                control={
                  <Checkbox
                    checked={selected.has(operation)}
                    disabled={unavailable}
                    onChange={(event) => {
                      toggle(operation, event.target.checked);
                    }}
                    onBlur={field.onBlur}
                    slotProps={{
                      input: {
                        ref: index === 0 ? field.ref : undefined,
                        'aria-describedby': descriptionId,
                      },
                    }}
                    sx={{ mt: -0.75 }}
                  />
                }
                label={
                  <Box>
                    <Typography component="span" sx={{ display: 'block', fontWeight: 500 }}>
                      {info.label}
                    </Typography>
                    <Typography
                      component="span"
                      id={descriptionId}
                      variant="body2"
                      color="text.secondary"
                      sx={{ display: 'block' }}
                    >
                      {info.description}
                      {unavailable ? ' Choose the current AWS guide below to include them.' : ''}
                    </Typography>
                  </Box>
                }
              />
            );
          })}
        </FormGroup>
        <FormHelperText id="operations-help">
          {fieldState.error?.message ??
            'These are the operations that read or write your S3 bucket. Choose none if you only use an encrypted dataset group.'}
        </FormHelperText>
      </FormControl>
      <GuideEditionChoice {...props} />
    </>
  );
}
