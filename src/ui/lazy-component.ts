/**
 * Components whose code loads later (a chunk of its own), so that a failed
 * load is not the end of the page: the load is retried (after the network
 * comes back, when the browser knows it is offline), and a component that
 * mounts again (the error screen's Try again) loads again instead of
 * repeating the failure React's lazy() keeps.
 */
import { createElement, lazy, useState, type ComponentType } from 'react';

const ATTEMPTS = 3;

/** Resolves when a retry makes sense: once the browser is online, after a short pause. */
function readyToRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    const pause = () => window.setTimeout(resolve, 300 * 2 ** attempt);
    if (navigator.onLine) {
      pause();
    } else {
      window.addEventListener('online', pause, { once: true });
    }
  });
}

/** `load`, tried up to three times; a success is kept, a failure lets the next call try again. */
export function retryingLoader<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  const attempt = async (): Promise<T> => {
    for (let tried = 1; ; tried++) {
      try {
        return await load();
      } catch (error) {
        if (tried >= ATTEMPTS) throw error;
        await readyToRetry(tried);
      }
    }
  };
  return () => {
    pending ??= attempt().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export type LazyComponent<P> = ComponentType<P> & {
  /** Starts loading the code (for prefetching); resolves once it is here. */
  preload: () => Promise<ComponentType<P>>;
};

/**
 * A component whose code `load` fetches: rendered at once when the code is
 * here already (no loading flash), suspended while it loads otherwise.
 */
export function lazyComponent<P extends object>(
  name: string,
  load: () => Promise<ComponentType<P>>,
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  const loader = retryingLoader(load);
  const preload = async () => {
    loaded = await loader();
    return loaded;
  };
  function Lazy(props: P) {
    // One lazy() per mount: after a failure, mounting again loads again.
    const [Loading] = useState(() => lazy(async () => ({ default: await preload() })));
    return loaded ? createElement(loaded, props) : createElement(Loading, props);
  }
  Lazy.displayName = `Lazy(${name})`;
  return Object.assign(Lazy, { preload });
}
