export interface Journey {
  from: number;
  frames: number[];
  inputs: number[];
  moves: boolean[];
  pictures: Array<{ at: number; asked: number }>;
}
export function pictureIntervals(journey: Journey): { all: number[]; owed: number[] };
