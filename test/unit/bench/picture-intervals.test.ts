import { describe, expect, it } from 'vitest';
import { pictureIntervals } from '../../../bench/picture-intervals.mjs';

// A 60 Hz display: frame i at 10 + 16.7 × i. Input i is dispatched just after frame i starts, its
// picture is asked for a moment later and, on time, shown at frame i + 1.
const frame = (i: number) => 10 + 16.7 * i;
const frames = Array.from({ length: 12 }, (_, i) => frame(i));

describe('pictureIntervals', () => {
  it('counts every interval of a picture per frame; the first, from the start, only as far as something was owed', () => {
    const inputs = [0, 1, 2, 3].map((i) => frame(i) + 0.2);
    const pictures = [1, 2, 3, 4].map((i) => ({ at: frame(i), asked: frame(i - 1) + 0.5 }));
    const got = pictureIntervals({ from: 5, frames, inputs, moves: [true, true, true, true], pictures });
    expect(got.all.map(Math.round)).toEqual([22, 17, 17, 17]);
    // The first skips frame 0, which came before any input: nothing was owed in it.
    expect(got.owed).toEqual(got.all.slice(1));
  });

  it('leaves out a frame skipped after an input that moved nothing (a pointerdown), and keeps it in all', () => {
    // Frame 0: a wheel; frame 1: pointerdown (no move); frame 2: the first drag step; frame 3: a step.
    const inputs = [0, 1, 2, 3].map((i) => frame(i) + 0.2);
    const moves = [true, false, true, true];
    const pictures = [{ at: frame(1), asked: frame(0) + 0.5 }, { at: frame(3), asked: frame(2) + 0.5 }, { at: frame(4), asked: frame(3) + 0.5 }];
    const got = pictureIntervals({ from: frame(0), frames, inputs, moves, pictures });
    expect(got.all.map(Math.round)).toEqual([17, 33, 17]);
    expect(got.owed.map(Math.round)).toEqual([17, 17]);
  });

  it('counts a late picture with the whole of its interval, even next to an input that moved nothing', () => {
    // The drag step of frame 2 is shown at frame 4 instead of 3: frame 3 was owed it.
    const inputs = [0, 1, 2, 3].map((i) => frame(i) + 0.2);
    const moves = [true, false, true, false];
    const pictures = [{ at: frame(1), asked: frame(0) + 0.5 }, { at: frame(4), asked: frame(2) + 0.5 }];
    const got = pictureIntervals({ from: frame(0), frames, inputs, moves, pictures });
    expect(got.owed.map(Math.round)).toEqual([17, 50]);
    // A first picture late by a frame: the frame between was owed the wheel's picture.
    const late = pictureIntervals({ from: frame(0) - 1, frames, inputs: [frame(0) + 0.2], moves: [true], pictures: [{ at: frame(2), asked: frame(0) + 0.5 }] });
    expect(late.owed.map(Math.round)).toEqual([34]);
  });

  it('counts an interval whose earlier picture was asked for before a move it could not show', () => {
    // The picture shown at frame 2 was asked for at frame 0, before the move of frame 1: frames 2-3 owe that move.
    const inputs = [frame(0) + 0.2, frame(1) + 0.2];
    const pictures = [{ at: frame(2), asked: frame(0) + 0.5 }, { at: frame(4), asked: frame(2) + 0.5 }];
    const got = pictureIntervals({ from: frame(0), frames, inputs, moves: [true, true], pictures });
    expect(got.owed.map(Math.round)).toEqual([33, 33]);
  });
});
