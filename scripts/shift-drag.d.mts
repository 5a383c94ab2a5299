import type { Page } from '@playwright/test';

/** Holds Shift and drags between two points given as fractions of `box`, in `steps` mouse moves. */
export function shiftDrag(page: Page, box: { x: number; y: number; width: number; height: number }, fractions: [number, number, number, number], steps?: number): Promise<void>;
