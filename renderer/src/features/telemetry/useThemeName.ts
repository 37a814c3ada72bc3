import { useSyncExternalStore } from 'react';

/** The applied theme (`<html data-theme>`), so charts can pick colours for it. */
export function useThemeName(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, read);
}

function read(): 'light' | 'dark' {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

function subscribe(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
