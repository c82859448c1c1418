/**
 * Components whose code loads later (a chunk of its own), so that a failed
 * load is not the end of the page: the load is retried (after the network
 * comes back, when the browser knows it is offline), and the error screen's
 * Try again loads it again instead of repeating the failure React's lazy()
 * keeps.
 */
import { createElement, lazy, type ComponentType } from 'react';

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
function retryingLoader<T>(load: () => Promise<T>): () => Promise<T> {
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

/** Renews the components whose load failed; run before rendering them again. */
const failed = new Set<() => void>();

/** Lets every component whose code failed to load try again at its next render. */
export function retryFailedLoads(): void {
  for (const renew of failed) renew();
  failed.clear();
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
  // React's lazy() keeps a failure for good (each render after it throws
  // it again, up to the error screen). retryFailedLoads gives the component
  // a new one, which loads again.
  const fresh = (): ComponentType<P> =>
    lazy(async () => {
      try {
        return { default: await preload() };
      } catch (error) {
        failed.add(() => {
          loading = fresh();
        });
        throw error;
      }
    });
  let loading = fresh();
  function Lazy(props: P) {
    return createElement(loaded ?? loading, props);
  }
  Lazy.displayName = `Lazy(${name})`;
  return Object.assign(Lazy, { preload });
}
