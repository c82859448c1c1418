import type { UseFormReturn } from 'react-hook-form';

import type { Answers } from '../policy';

export interface StepProps {
  /** The wizard's one form: steps bind their fields to it and watch what they need. */
  form: UseFormReturn<Answers>;
}
