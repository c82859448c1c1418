import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useState } from 'react';
import { useFormState, useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';

import {
  PARTITION_LABELS,
  PARTITION_NOTES,
  PARTITIONS,
  parseRoleArn,
  type Partition,
  PERSONALIZE_REGIONS,
  ROLE_ARN_MAX_LENGTH,
  WHERE_PERSONALIZE_RUNS,
} from '../policy';
import { ChoiceAnswer } from './ChoiceAnswer';
import { SelectAnswer } from './SelectAnswer';
import { TextAnswer } from './TextAnswer';
import type { StepProps } from './step-props';

/**
 * What follows a change of partition, however it was made (the radio, or a
 * pasted role ARN): a region of the other partition no longer fits, and the
 * key ARNs of the Encryption step must be in the same partition as the role.
 */
function followPartition(form: StepProps['form'], partition: Partition) {
  const regions: readonly string[] = PERSONALIZE_REGIONS[partition];
  if (!regions.includes(form.getValues('region'))) {
    form.setValue('region', '', { shouldValidate: true });
  }
  void form.trigger(['keyArn', 'datasetGroupKeyArn']);
}

type ArnStatus = { kind: 'idle' } | { kind: 'filled' } | { kind: 'error'; message: string };

/** Pasting a role ARN fills the account, path, name and partition at once. */
function RoleArnInput({ form }: Pick<StepProps, 'form'>) {
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<ArnStatus>({ kind: 'idle' });
  const apply = (text: string) => {
    if (text.trim() === '') {
      setStatus({ kind: 'idle' });
      return;
    }
    const parsed = parseRoleArn(text);
    if (!parsed.ok) {
      setStatus({ kind: 'error', message: parsed.message });
      return;
    }
    const options = { shouldValidate: true, shouldDirty: true, shouldTouch: true } as const;
    form.setValue('partition', parsed.role.partition, options);
    followPartition(form, parsed.role.partition);
    form.setValue('accountId', parsed.role.accountId, options);
    form.setValue('rolePath', parsed.role.rolePath, options);
    form.setValue('roleName', parsed.role.roleName, options);
    setStatus({ kind: 'filled' });
  };
  const error = status.kind === 'error';
  return (
    <FormControl fullWidth margin="normal" error={error}>
      <InputLabel htmlFor="role-arn" shrink>
        Role ARN (optional)
      </InputLabel>
      <OutlinedInput
        id="role-arn"
        label="Role ARN (optional)"
        notched
        value={value}
        placeholder="e.g. arn:aws:iam::…:role/…"
        onChange={(event) => {
          setValue(event.target.value);
          apply(event.target.value);
        }}
        inputProps={{
          maxLength: ROLE_ARN_MAX_LENGTH,
          spellCheck: false,
          autoComplete: 'off',
          autoCapitalize: 'off',
          'aria-describedby': 'role-arn-help',
          'aria-invalid': error,
        }}
      />
      {/* Two lines kept whatever the message, so the fields below stay put while an ARN
          is typed: every message here takes at most two lines from 320 px up. */}
      <FormHelperText
        id="role-arn-help"
        role={status.kind === 'idle' ? undefined : 'status'}
        sx={{ minHeight: '2lh' }}
      >
        {status.kind === 'error'
          ? status.message
          : status.kind === 'filled'
            ? 'Filled in the account ID, role path, role name and partition from this ARN.'
            : 'Paste the role’s ARN to fill in the fields below, or type them yourself.'}
      </FormHelperText>
    </FormControl>
  );
}

export function RoleStep({ form }: StepProps) {
  const { control } = form;
  const partition = useWatch({ control, name: 'partition' });
  const { errors } = useFormState({ control, name: ['keyArn', 'datasetGroupKeyArn'] });
  const keyProblem = errors.keyArn?.message ?? errors.datasetGroupKeyArn?.message;
  return (
    <>
      <RoleArnInput form={form} />
      <TextAnswer
        form={form}
        name="accountId"
        label="AWS account ID"
        inputMode="numeric"
        placeholder="e.g. 111122223333"
        help="The 12-digit account that owns the service role."
      />
      <TextAnswer
        form={form}
        name="roleName"
        label="Service role name"
        placeholder="e.g. PersonalizeRole"
        help="The IAM role Personalize assumes to read and write your data."
      />
      <TextAnswer
        form={form}
        name="rolePath"
        label="Role path"
        placeholder="e.g. / or /service-role/"
        help={
          <>
            / for most roles; roles made in the Personalize console usually use{' '}
            {/* A path is one word: never broken at its hyphen. */}
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              /service-role/
            </Box>
            .
          </>
        }
      />
      <ChoiceAnswer
        control={control}
        name="partition"
        legend="AWS partition"
        options={PARTITIONS.map((value) => ({ value, label: PARTITION_LABELS[value] }))}
        help={PARTITION_NOTES[partition] ?? WHERE_PERSONALIZE_RUNS}
        onChange={(next) => {
          followPartition(form, next);
        }}
      />
      {keyProblem !== undefined ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          A key ARN on the Encryption step no longer fits. {keyProblem}
        </Alert>
      ) : null}
      <SelectAnswer
        control={control}
        name="region"
        label="Region (for the trust policy)"
        options={[
          { value: '', label: 'Not chosen yet' },
          ...PERSONALIZE_REGIONS[partition].map((region) => ({ value: region, label: region })),
        ]}
        help="Where your Personalize resources are. The trust policy needs it; the KMS policies do not."
      />
    </>
  );
}
