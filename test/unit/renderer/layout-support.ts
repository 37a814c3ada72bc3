/**
 * happy-dom lays nothing out: every element is 0 × 0, so a virtual table (VirtualTable) that
 * measures its scrolling region draws no rows at all. This gives every element the client size
 * of a laptop window's table region and every row a height, as a browser would, until the
 * returned function puts them back.
 */
export function giveElementsASize(width = 1024, height = 800, rowHeight = 40): () => void {
  const prototype = HTMLElement.prototype;
  const sizes: Record<string, number> = {
    clientWidth: width,
    clientHeight: height,
    offsetWidth: width,
    offsetHeight: rowHeight,
  };
  const saved = Object.keys(sizes).map(
    (name) => [name, Object.getOwnPropertyDescriptor(prototype, name)] as const,
  );
  for (const [name, value] of Object.entries(sizes))
    Object.defineProperty(prototype, name, { configurable: true, get: () => value });
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(prototype, name, descriptor);
      else delete (prototype as unknown as Record<string, unknown>)[name];
    }
  };
}
