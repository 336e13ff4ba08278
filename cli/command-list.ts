/**
 * The one line each subcommand shows in `patrolsim --help`, kept here so that listing the commands
 * loads no command (each command's module imports its part of the engine). Each command's `summary`
 * is read from here; test/build/command-list.test.ts checks that the names are the files of
 * cli/commands/.
 */
export const COMMAND_SUMMARIES = {
  batch: 'run a sweep of simulations over workers and machines (shards), resumable; results.csv + summary.csv',
  cordon: 'blockade exits, seal a ring around a scene, or contain a fleeing suspect',
  coverage: 'static coverage of posts against 1/3/5-minute tiers (share of demand met per tier)',
  demo: 'evaluate, optimize and re-simulate a layout, plan it by the hour (with move-up); comparison table and report (npm start)',
  jurisdictions: 'each post\'s jurisdiction (nearest post) and workload; --balance evens the workloads',
  merge: 'merge the shard directories of a batch sweep into one results.csv / summary.csv',
  network: 'import a road network (TNTP, SUMO, OSM, GeoJSON, CSV) and describe it',
  optimize: 'choose post locations and unit counts: LSCP, MCLP, p-median, p-center, tiered 1/3/5',
  report: 'write a self-contained HTML briefing (map, tier compliance, charts, tables) for a run directory',
  simulate: 'simulate a deployment: tier met-shares with 95% CIs, response percentiles, utilisation',
  view: 'open run directories in the browser viewer (map, coverage, replay, comparison)',
} as const;
