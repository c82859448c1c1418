import type { UseFormReturn } from 'react-hook-form';

import type { Answers, PolicySet } from '../policy';

export interface StepProps {
  form: UseFormReturn<Answers>;
  /** The documents for the current (valid part of the) answers. */
  policies: PolicySet;
  /** The address that reopens the wizard as it is now. */
  shareUrl: string;
}
