/**
 * The warning that the chosen edition's documents are ones AWS later
 * corrected. Its code (the gap's reading of the rules and the notice) is a
 * chunk of its own, asked for at start-up: few answers call for it, and the
 * first step does not wait for it unless the answers it starts with might.
 */
import { memo, Suspense } from 'react';
import type { UseFormReturn } from 'react-hook-form';

import { mightShowEditionGap, type Answers } from '../policy';
import { lazyComponent } from '../ui/lazy-component';

const EditionGapNotice = lazyComponent(
  'EditionGapNotice',
  async () => (await import('./EditionGapNotice')).EditionGapNotice,
);

/**
 * Starts loading the warning's code. Resolves once it is here when the
 * starting answers might show it (so the first paint has it, and nothing
 * below it moves when it comes), at once otherwise. A failed load is left to
 * the warning's own loading.
 */
export function preloadEditionGapWarning(answers: Answers): Promise<void> {
  const loading = EditionGapNotice.preload().then(
    () => undefined,
    () => undefined,
  );
  return mightShowEditionGap(answers) ? loading : Promise.resolve();
}

export const EditionGapWarning = memo(function EditionGapWarning({
  form,
}: {
  form: UseFormReturn<Answers>;
}) {
  return (
    <Suspense fallback={null}>
      <EditionGapNotice form={form} />
    </Suspense>
  );
});
