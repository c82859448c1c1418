import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { DocumentsPanel } from './documents/DocumentsPanel';
import { appTheme } from './ui/theme';
import { preloadEditionGapWarning } from './wizard/EditionGapWarning';
import { preloadStep } from './wizard/steps';
import { readInitialState } from './state/address';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
const root = createRoot(container);

/**
 * Resolves in a later task, so the work after it does not lengthen the current
 * one. A message, not a timer: timers can be throttled or held back.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

// Start-up is cut into tasks short enough to keep the page responsive: this
// module, then the theme (built while a later step's code downloads), then the
// render. A link that opens a later step gets that step's code first, so the
// first paint shows it whole and nothing shifts when it arrives. (Not a
// top-level await: the step's chunk imports this one, which must finish
// evaluating.) Together these about halve Lighthouse's total blocking time
// (docs/performance.md).
// The documents panel's code is asked for now, and not waited for: the first
// step renders without it, and the panel renders once both are here.
DocumentsPanel.preload().catch(() => undefined);

const initial = readInitialState();
void Promise.all([
  preloadStep(initial.step),
  preloadEditionGapWarning(initial.values),
  nextTask().then(appTheme),
])
  .then(nextTask)
  .then(() => {
    // A transition lets React render the page in short slices instead of one
    // long task.
    startTransition(() => {
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
  });
