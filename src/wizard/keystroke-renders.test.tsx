// @vitest-environment jsdom
/**
 * The step around a text field renders again only when what it shows changes
 * (an error, a warning, a field that comes or goes), not on every keystroke:
 * a render of a whole step is the largest cost a keystroke can have. Counted
 * with React's Profiler.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ComponentType } from 'react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';

import { answersSchema, DEFAULT_ANSWERS, type Answers } from '../policy';
import { EncryptionStep } from './EncryptionStep';
import { RoleStep } from './RoleStep';
import type { StepProps } from './step-props';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Answers with every step before these two done, and both keys asked for. */
const START: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
};

/** The steps measured here link to no other step. */
const openNothing = () => undefined;

/** Mounts a step with the wizard's form; counts the step's commits. */

function mountStep(Step: ComponentType<StepProps>): { commits: () => number } {
  let commits = 0;
  function Harness() {
    const form = useForm<Answers>({
      defaultValues: START,
      resolver: zodResolver(answersSchema),
      mode: 'onTouched',
    });
    return <Step form={form} onOpenField={openNothing} />;
  }
  render(
    <Profiler
      id="step"
      onRender={() => {
        commits += 1;
      }}
    >
      <Harness />
    </Profiler>,
  );
  return { commits: () => commits };
}

const FIELDS = [
  // No hyphen: a name ending in one has a warning, which the step shows.
  ['encryption', 'S3 bucket name (for the S3 policies)', EncryptionStep, 'examplebucket'],
  ['encryption', 'Bucket key ARN', EncryptionStep, KEY],
  ['encryption', 'Dataset group key ARN', EncryptionStep, KEY],
  ['role', 'AWS account ID', RoleStep, '111122223333'],
  ['role', 'Service role name', RoleStep, 'PersonalizeRole'],
  ['role', 'Role path', RoleStep, '/service-role/'],
] as const;

describe('a keystroke in a text field', () => {
  it.each(FIELDS)(
    'on the %s step, in %s, renders nothing after the first keystroke',
    async (_step, label, Step, text) => {
      const user = userEvent.setup();
      const { commits } = mountStep(Step);
      const field = screen.getByRole('textbox', { name: label });
      await user.clear(field);
      await user.type(field, text.slice(0, 1));
      const before = commits();
      await user.type(field, text.slice(1));
      expect(field).toHaveValue(text);
      expect(commits() - before).toBe(0);
    },
  );

  // Once a field has been left, each keystroke checks it again (the form's
  // onTouched mode); while the value stays valid, nothing renders.
  it.each([
    ['encryption', 'S3 bucket name (for the S3 policies)', EncryptionStep, 'examplebucket', 'data'],
    ['role', 'Service role name', RoleStep, 'PersonalizeRole', 'ForImports'],
  ] as const)(
    'on the %s step, in %s, once left, renders nothing while the value stays valid',
    async (_step, label, Step, valid, more) => {
      const user = userEvent.setup();
      const { commits } = mountStep(Step);
      const field = screen.getByRole('textbox', { name: label });
      await user.clear(field);
      await user.type(field, valid);
      await user.tab();
      // Focus itself renders the field (MUI's focused state): count from after it.
      await user.click(field);
      const before = commits();
      await user.keyboard(more);
      expect(field).toHaveValue(valid + more);
      expect(field).toHaveAttribute('aria-invalid', 'false');
      expect(commits() - before).toBe(0);
    },
  );
});
