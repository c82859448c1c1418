import type { UseFormReturn } from 'react-hook-form';

import type { AnswerField, Answers } from '../policy';

export interface StepProps {
  /** The wizard's one form: steps bind their fields to it and watch what they need. */
  form: UseFormReturn<Answers>;
  /** Opens the step that asks for this answer, with the focus in its field. */
  onOpenField: (field: AnswerField) => void;
}
