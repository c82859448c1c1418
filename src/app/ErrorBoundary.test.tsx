// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { ErrorBoundary } from './ErrorBoundary';

function Fragile({ failing }: { failing: { current: boolean } }) {
  const [renders, setRenders] = useState(0);
  if (failing.current) throw new Error('render failed');
  return (
    <button
      type="button"
      onClick={() => {
        setRenders(renders + 1);
      }}
    >
      Working wizard
    </button>
  );
}

describe('ErrorBoundary', () => {
  it('shows what happened instead of a blank page, and can try again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = { current: true };
    const onReload = vi.fn();
    render(
      <ErrorBoundary onReload={onReload}>
        <Fragile failing={failing} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('could not be shown');
    expect(screen.getByRole('alert')).toHaveTextContent('Your answers are kept');
    failing.current = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('button', { name: 'Working wizard' })).toBeInTheDocument();
    expect(onReload).not.toHaveBeenCalled();
  });

  it('offers Reload first, and nothing that clears the answers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onReload = vi.fn();
    render(
      <ErrorBoundary onReload={onReload}>
        <Fragile failing={{ current: true }} />
      </ErrorBoundary>,
    );
    const buttons = screen.getAllByRole('button').map((button) => button.textContent);
    expect(buttons).toEqual(['Reload', 'Try again']);
    expect(screen.getByRole('alert')).not.toHaveTextContent(/start over|clear/i);
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });
});
