import type { Locator } from '@playwright/test';
import { expect } from '@playwright/test';

/** A box on screen, as `Locator.boundingBox()` gives it. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes on screen overlap. */
export function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Asserts that both are on screen and that `cover` lies over no part of `content`. */
export async function expectNotCovered(content: Locator, cover: Locator): Promise<void> {
  const [contentBox, coverBox] = await Promise.all([content.boundingBox(), cover.boundingBox()]);
  expect(contentBox, 'the content is on screen').not.toBeNull();
  expect(coverBox, 'what might cover it is on screen').not.toBeNull();
  if (contentBox && coverBox) expect(overlap(coverBox, contentBox)).toBe(false);
}
