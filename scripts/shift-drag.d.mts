import type { Page } from '@playwright/test';

/** Holds Shift and drags between two points given as fractions of `box`, in `steps` mouse moves. */
export function shiftDrag(page: Page, box: { x: number; y: number; width: number; height: number }, fractions: [number, number, number, number], steps?: number): Promise<void>;

/** Holds Alt and draws a lasso through `points` (fractions of `box`), `steps` mouse moves per side. */
export function altLasso(page: Page, box: { x: number; y: number; width: number; height: number }, points: [number, number][], steps?: number): Promise<void>;
