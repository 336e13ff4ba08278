/** Reverse a polyline given as interleaved x,y (for the opposite direction of a two-way road). */
export function reversePoints(xy: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = xy.length - 2; i >= 0; i -= 2) out.push(xy[i], xy[i + 1]);
  return out;
}
