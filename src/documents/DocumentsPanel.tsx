/**
 * The documents panel. Its code (the live documents, their views and their
 * buttons) is a chunk of its own: the first step shows and answers clicks
 * without waiting for it, and the panel follows in a render of its own just
 * after the step's (docs/performance.md).
 */
import { lazyComponent } from '../ui/lazy-component';

export const DocumentsPanel = lazyComponent(
  'LiveDocuments',
  async () => (await import('./LiveDocuments')).LiveDocuments,
);

/**
 * Loads the panel's code and then the code of its parts that open on demand
 * (the companion documents, what the other edition would change).
 */
export async function prefetchCompanions(): Promise<unknown> {
  await DocumentsPanel.preload();
  return (await import('./LiveDocuments')).prefetchPanelParts();
}
