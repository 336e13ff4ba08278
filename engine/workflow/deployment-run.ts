import { evaluateCoverage, type DemandPoint } from '../coverage/evaluate-coverage.ts';
import type { Tier } from '../coverage/tiers.ts';
import { coverageJsonText, networkJsonText, postsJsonText } from '../io/run-directory/file-texts.ts';
import type { RunContent } from '../io/run-directory/run-directory.ts';
import type { DeployedPost, PlanningNetwork } from './network-deployment.ts';

/**
 * The run directory of a deployment on a network, for the viewer and the report: network.json,
 * posts.json and coverage.json of the posts against `tiers` (covered: arrival time <= target).
 */
export function deploymentRunContent(net: PlanningNetwork, posts: readonly DeployedPost[], demand: readonly DemandPoint[], tiers: readonly Tier[], who: { producer: string; inputHash?: string | null; seed?: number | null }): RunContent {
  const cov = evaluateCoverage(net.routing, posts, demand, { tiers });
  return {
    ...who,
    files: { 'network.json': networkJsonText(net.graph), 'posts.json': postsJsonText(posts), 'coverage.json': coverageJsonText(cov, demand) },
  };
}
