import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Typography from '@mui/material/Typography';
import { useController, useWatch, type Control } from 'react-hook-form';

import { bucketNameWarning, type Answers } from '../policy';
import { ChoiceAnswer } from './ChoiceAnswer';
import { TextAnswer } from './TextAnswer';
import { DescribedCheckbox } from './DescribedCheckbox';
import type { StepProps } from './step-props';

function EncryptedCheckbox({
  control,
  name,
  label,
  description,
}: {
  control: Control<Answers>;
  name: 'bucketEncrypted' | 'datasetGroupEncrypted';
  label: string;
  description: string;
}) {
  const { field } = useController({ control, name });
  return (
    <DescribedCheckbox
      id={`answer-${name}`}
      label={label}
      description={description}
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

// Short enough to show whole in the field on a 360 px phone.
const KEY_ARN_PLACEHOLDER = 'e.g. arn:aws:kms:…:key/…';
const KEY_ARN_HELP =
  'Optional. With the key ARN, the IAM policy is scoped to this key instead of "*". Aliases do not work here.';

export function EncryptionStep({ form }: StepProps) {
  const { control } = form;
  const [bucketEncrypted, datasetGroupEncrypted, keys] = useWatch({
    control,
    name: ['bucketEncrypted', 'datasetGroupEncrypted', 'keys'],
  });
  // The step re-renders when the warning changes, not on every keystroke.
  const bucketWarning = useWatch({ control, name: 'bucketName', compute: bucketNameWarning });
  const both = bucketEncrypted && datasetGroupEncrypted;
  const separate = both && keys === 'separate';
  const singleKeyLabel = both
    ? 'Key ARN (used by both)'
    : bucketEncrypted
      ? 'Bucket key ARN'
      : 'Dataset group key ARN';
  return (
    <>
      <TextAnswer
        form={form}
        name="bucketName"
        label="S3 bucket name (for the S3 policies)"
        placeholder="e.g. my-personalize-data"
        help="The bucket Personalize reads and writes. The S3 access and bucket policies need it; the KMS policies do not."
        warning={bucketWarning}
      />
      <FormControl component="fieldset" fullWidth sx={{ mt: 1 }}>
        <FormLabel component="legend" id="encryption-legend" sx={{ mb: 1 }}>
          What is encrypted with a customer managed AWS KMS key?
        </FormLabel>
        <FormGroup aria-labelledby="encryption-legend">
          <EncryptedCheckbox
            control={control}
            name="bucketEncrypted"
            label="The S3 bucket"
            description="Objects in the bucket Personalize reads and writes use SSE-KMS with your key."
          />
          <EncryptedCheckbox
            control={control}
            name="datasetGroupEncrypted"
            label="The dataset group"
            description="The dataset group was created with a KMS key (kmsKeyArn in CreateDatasetGroup)."
          />
        </FormGroup>
      </FormControl>
      {both ? (
        <ChoiceAnswer
          control={control}
          name="keys"
          legend="Do the bucket and the dataset group use the same key?"
          options={[
            { value: 'same', label: 'The same key' },
            { value: 'separate', label: 'Separate keys' },
          ]}
          help="With separate keys, each key gets its own key policy."
        />
      ) : null}
      {bucketEncrypted || datasetGroupEncrypted ? (
        <Box>
          <TextAnswer
            form={form}
            name="keyArn"
            label={separate ? 'Bucket key ARN' : singleKeyLabel}
            placeholder={KEY_ARN_PLACEHOLDER}
            help={KEY_ARN_HELP}
          />
          {separate ? (
            <TextAnswer
              form={form}
              name="datasetGroupKeyArn"
              label="Dataset group key ARN"
              placeholder={KEY_ARN_PLACEHOLDER}
              help={KEY_ARN_HELP}
            />
          ) : null}
        </Box>
      ) : (
        <Typography color="textSecondary" sx={{ mt: 2 }}>
          If neither is encrypted with your own key, Personalize needs no KMS permissions.
        </Typography>
      )}
    </>
  );
}
