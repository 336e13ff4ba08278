/**
 * The viewer's view of a run directory: the engine's one reader and its types (engine/io/run-directory,
 * pure, bundled into the browser). See docs/run-directory.md.
 */
export {
  parseRun,
  type CoverageData, type NetworkData, type PostData, type RunCoordKind, type RunData, type RunFileTexts,
  type SiteData, type SummaryData, type SummaryTier, type TierRow, type TraceClass, type TraceData, type TraceIncident,
  type CordonData, type CordonPoint, type JurisdictionData, type JurisdictionsData, type PlanData, type PlanLayoutData, type TraceMove,
} from '../../../engine/io/run-directory/parse-run.ts';
export { RUN_MANIFEST, VIEWER_FILES, type RunManifest, type ViewerFileName } from '../../../engine/io/run-directory/file-types.ts';
