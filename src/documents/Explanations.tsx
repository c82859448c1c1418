import type { NeededDocument } from '../policy';
import { Disclosure } from '../ui/Disclosure';
import { lazyComponent } from '../ui/lazy-component';

const ExplanationList = lazyComponent(
  'ExplanationList',
  async () => (await import('./ExplanationList')).ExplanationList,
);

export function prefetchExplanations(): Promise<unknown> {
  return ExplanationList.preload();
}

/** "Why each action is here", expanded on demand. */
export function Explanations({ document }: { document: NeededDocument }) {
  return (
    <Disclosure summary="Why each action is here" sx={{ mt: 1.5 }}>
      {() => <ExplanationList document={document} />}
    </Disclosure>
  );
}
