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
    const onStartOver = vi.fn();
    render(
      <ErrorBoundary onStartOver={onStartOver}>
        <Fragile failing={failing} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    expect(screen.getByRole('alert')).toHaveTextContent('still in this page’s address');
    failing.current = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('button', { name: 'Working wizard' })).toBeInTheDocument();
    expect(onStartOver).not.toHaveBeenCalled();
  });

  it('offers to start over', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onStartOver = vi.fn();
    render(
      <ErrorBoundary onStartOver={onStartOver}>
        <Fragile failing={{ current: true }} />
      </ErrorBoundary>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(onStartOver).toHaveBeenCalledOnce();
  });
});
