import type { Scenario } from './scenario.ts';

/** How many units each post holds, by post index. */
export function unitsPerPost(scenario: Pick<Scenario, 'posts' | 'units'>): Int32Array {
  const count = new Int32Array(scenario.posts.length);
  for (const u of scenario.units) count[u.post]++;
  return count;
}
