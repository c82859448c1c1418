import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import { memo } from 'react';

import { PlainTextarea } from '../ui/PlainTextarea';
import { CHECK_LABELS } from '../policy/check/fields';
import { MAX_TEXT_LENGTH } from '../policy/check/inputs';
import type { CheckField } from '../policy/check/types';

const HELP: Readonly<Record<CheckField, string>> = {
  errorMessage: 'The text of a failed job, CLI call or console banner.',
  'key-policy': 'The key’s policy (JSON), as get-key-policy prints it.',
  'key-policy-bucket': 'The bucket key’s policy (JSON), as get-key-policy prints it.',
  'key-policy-dataset-group': 'The dataset group key’s policy (JSON), as get-key-policy prints it.',
  rolePolicies:
    'One policy, several, or the role’s inline and attached policies as the AWS CLI prints them.',
  bucketPolicy: 'The bucket’s policy (JSON), as get-bucket-policy prints it.',
  trustPolicy: 'The role’s trust policy (JSON), as get-role prints it.',
};

interface Props {
  field: CheckField;
  value: string;
  /** What the check could not read in this text: shown at the field, which is marked invalid. */
  problems: readonly string[];
  /** False when this tab could not keep the text: a reload would lose it. */
  kept: boolean;
  onChange: (field: CheckField, text: string) => void;
}

/** One of the Check step's pasted texts; any may be left empty. */
export const CheckTextField = memo(function CheckTextField({
  field,
  value,
  problems,
  kept,
  onChange,
}: Props) {
  const id = `check-${field}`;
  const invalid = problems.length > 0;
  const described = [
    invalid ? `${id}-problem` : '',
    kept ? '' : `${id}-unkept`,
    `${id}-help`,
  ].filter((part) => part !== '');
  return (
    <FormControl fullWidth margin="dense" error={invalid}>
      <InputLabel htmlFor={id}>{CHECK_LABELS[field]}</InputLabel>
      <PlainTextarea
        id={id}
        label={CHECK_LABELS[field]}
        rows={field === 'errorMessage' ? 2 : 4}
        value={value}
        onChange={(event) => {
          onChange(field, event.target.value);
        }}
        inputProps={{
          spellCheck: false,
          maxLength: MAX_TEXT_LENGTH,
          'aria-describedby': described.join(' '),
          style: { minBlockSize: field === 'errorMessage' ? '2lh' : '4lh', maxBlockSize: '14lh' },
        }}
      />
      {invalid ? <FormHelperText id={`${id}-problem`}>{problems.join(' ')}</FormHelperText> : null}
      {kept ? null : (
        <FormHelperText id={`${id}-unkept`} error={false} sx={{ color: 'text.primary' }}>
          This browser tab could not keep this text (its storage is full or turned off). It is used
          while this page stays open, but a reload would lose it.
        </FormHelperText>
      )}
      <FormHelperText id={`${id}-help`} error={false}>
        {HELP[field]}
      </FormHelperText>
    </FormControl>
  );
});
