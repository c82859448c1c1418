import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { preloadStep } from './wizard/steps';
import { stepInAddress } from './wizard/url-state';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
const root = createRoot(container);

// A link that opens a later step gets that step's code first, so the first
// paint shows it whole and nothing shifts when it arrives. (Not a top-level
// await: the step's chunk imports this one, which must finish evaluating.)
void preloadStep(stepInAddress()).then(() => {
  // A transition lets React render the page in short slices instead of one
  // long task, so the main thread stays responsive while it appears.
  startTransition(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
