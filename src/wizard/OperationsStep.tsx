import FormControl from '@mui/material/FormControl';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useController, useWatch } from 'react-hook-form';

import {
  CONFUSED_DEPUTY,
  CURRENT_GUIDE_ONLY,
  GUIDE_EDITION_INFO,
  OPERATION_INFO,
  OPERATIONS,
  type Operation,
} from '../policy';
import { DescribedCheckbox } from './DescribedCheckbox';
import type { StepProps } from './step-props';

/**
 * The January 2023 guide is the default; the current one is a deliberate
 * choice. One checkbox rather than a radio group keeps the first visit light.
 */
function GuideEditionChoice({ form }: StepProps) {
  const { field } = useController({ control: form.control, name: 'guide' });
  const current = field.value === 'current';
  return (
    <DescribedCheckbox
      id="answer-guide"
      label="Follow the current AWS guide, not the January 2023 one"
      description={GUIDE_EDITION_INFO.current.description}
      checked={current}
      name={field.name}
      onChange={(event) => {
        const edition = event.target.checked ? 'current' : '2023-01';
        field.onChange(edition);
        // Batch segment jobs exist only in the current guide.
        if (edition !== 'current') {
          const operations = form.getValues('operations');
          const kept = operations.filter((op) => !CURRENT_GUIDE_ONLY.includes(op));
          if (kept.length !== operations.length) {
            form.setValue('operations', kept, { shouldValidate: true, shouldDirty: true });
          }
        }
      }}
      onBlur={field.onBlur}
      inputRef={field.ref}
    />
  );
}

/** Opt-in hardening of the key and bucket policies, off by default and marked untested. */
function ConfusedDeputyChoice({ form }: StepProps) {
  const { field } = useController({ control: form.control, name: 'confusedDeputy' });
  return (
    <DescribedCheckbox
      id="answer-confusedDeputy"
      label={CONFUSED_DEPUTY.label}
      description={CONFUSED_DEPUTY.description}
      checked={field.value}
      name={field.name}
      onChange={(event) => {
        field.onChange(event.target.checked);
      }}
      onBlur={field.onBlur}
      inputRef={field.ref}
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
      <FormControl
        component="fieldset"
        error={fieldState.error !== undefined}
        fullWidth
        sx={{ mb: 2 }}
      >
        <FormLabel component="legend" id="operations-legend" sx={{ mb: 1 }}>
          Which Amazon Personalize operations does your team run?
        </FormLabel>
        <FormGroup aria-labelledby="operations-legend" aria-describedby="operations-help">
          {OPERATIONS.map((operation, index) => {
            const info = OPERATION_INFO[operation];
            const unavailable = guide !== 'current' && CURRENT_GUIDE_ONLY.includes(operation);
            return (
              <DescribedCheckbox
                key={operation}
                id={`operation-${operation}`}
                label={info.label}
                description={`${info.description}${unavailable ? ' Choose the current AWS guide below to include them.' : ''}`}
                checked={selected.has(operation)}
                disabled={unavailable}
                onChange={(event) => {
                  toggle(operation, event.target.checked);
                }}
                onBlur={field.onBlur}
                inputRef={index === 0 ? field.ref : undefined}
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
      <ConfusedDeputyChoice {...props} />
    </>
  );
}
