/**
 * Resolves in a later task, after the page has had a chance to handle input and paint: long
 * work on the main thread awaits it between steps so no single task holds the page for long.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
