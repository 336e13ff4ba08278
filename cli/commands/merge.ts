import { resolve } from 'node:path';
import { mergeShards } from '../../engine/batch/merge-shards.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { parseCommandArgs, progress } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

const HELP = `patrolsim merge: combine the output directories of the shards of one batch sweep

Usage: patrolsim merge <dir> [<dir> ...] --out DIR [--allow-incomplete]

Reads each directory written by "patrolsim batch --shard K/N" (sweep.json and cells/), checks they hold
the same sweep (same sweep hash: the sweep, the content of every input file, the runner; same patrolsim
version), and writes to DIR the cell files, sweep.json, results.csv and summary.csv exactly as one
unsharded run would (byte for byte). A cell found in two directories must be identical in both.

Options:
  --out DIR             merged output directory (required; may be empty or hold the same sweep)
  --allow-incomplete    write what there is when cells are missing (default: an error listing them)

Exit status: 0 success, 2 bad input (shards of different sweeps, missing cells, unreadable files).`;

export const command: CliCommand = {
  name: 'merge',
  summary: COMMAND_SUMMARIES.merge,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('merge', args, { out: { type: 'string' }, 'allow-incomplete': { type: 'boolean' } });
    if (positionals.length === 0) throw new InputError('expected one or more shard directories (see patrolsim merge --help)');
    if (values.out === undefined) throw new InputError('--out DIR is required (see patrolsim merge --help)');
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'directory' }]);
    const s = mergeShards(positionals.map((d) => resolve(d)), resolve(values.out), { allowIncomplete: values['allow-incomplete'] ?? false });
    if (s.missing.length) progress(`warning: ${s.missing.length} cell(s) missing: ${s.missing.slice(0, 20).join(', ')}${s.missing.length > 20 ? ', …' : ''}`);
    progress(`merged ${positionals.length} director${positionals.length === 1 ? 'y' : 'ies'}: ${s.cells} cells of sweep ${s.sweepHash.slice(0, 12)}; wrote ${s.files.map((f) => f.replace(/^.*[\\/]/, '')).join(', ')} to ${values.out}`);
    return 0;
  },
};
