import { lazy } from 'react';

import { Disclosure } from '../ui/Disclosure';

import type { NeededDocument } from '../policy';

const loadList = () => import('./ExplanationList');
const ExplanationList = lazy(async () => ({ default: (await loadList()).ExplanationList }));

export function prefetchExplanations(): Promise<unknown> {
  return loadList();
}

/** "Why each action is here", expanded on demand. */
export function Explanations({ document }: { document: NeededDocument }) {
  return (
    <Disclosure summary="Why each action is here" sx={{ mt: 1.5 }}>
      {() => <ExplanationList document={document} />}
    </Disclosure>
  );
}
