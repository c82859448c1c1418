import { lazyComponent } from '../ui/lazy-component';

/**
 * "Why each action is here", in a chunk of its own: it loads when a
 * document's disclosure is first opened, or in the background before.
 */
export const ExplanationList = lazyComponent(
  'ExplanationList',
  async () => (await import('./ExplanationList')).ExplanationList,
);

export function prefetchExplanations(): Promise<unknown> {
  return ExplanationList.preload();
}
