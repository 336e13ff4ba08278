import { basename } from 'node:path';
import { readProposal } from '../../engine/io/proposal.ts';
import { isPlainFile, writeTemporaryRunDirectory } from '../../engine/io/run-directory/run-directory.ts';
import { proposalRunContent } from '../../engine/workflow/proposal-run.ts';
import type { CliCommand } from '../command.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import { ensureViewerBundle } from '../../viewer/server/build-bundle.ts';
import { checkRunDirs, startViewerServer } from '../../viewer/server/serve-viewer.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

export const command: CliCommand = {
  name: 'view',
  summary: COMMAND_SUMMARIES.view,
  help: `Usage: patrolsim view <dir | proposal.json> [<dir2 | proposal2.json>] [--port N]
       patrolsim view <comparison dir> [--port N]

Serve the viewer and the given run directories (what coverage, simulate and optimize write; see
docs/run-directory.md) on http://127.0.0.1 only, and print the URL. Two directories open side by side
for comparison (current layout vs proposal); so does the demo's output directory (patrolsim view
runs/demo: its runs before/ and after/ with the before/after table of its compare.json). Each must be a complete run directory (its run.json
present and every file it lists unchanged): an incomplete or mixed one is refused (exit 2). Only the
files run.json lists are served, nothing outside the viewer bundle and these directories. A proposal
(optimize --out) is shown on the network it was planned on, with its posts' static coverage. The viewer bundle is built on first use (Vite) into viewer/dist.

Options:
  --port N   port to listen on (default: a free port)
  --no-open-hint  print only the URL
Stops with Ctrl-C.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('view', args, { port: { type: 'string' }, 'no-open-hint': { type: 'boolean' } });
    const port = numberFlag('port', values.port, { integer: true, min: 0, max: 65535 });
    // A proposal (optimize --out) is shown as a run directory built from it, in a temporary folder.
    const temporary: { dir: string; remove(): void }[] = [];
    const dirs = positionals.map((p) => {
      if (!isPlainFile(p)) return p;
      const t = writeTemporaryRunDirectory(basename(p).replace(/\.json$/i, ''), proposalRunContent(readProposal(p), p));
      temporary.push(t);
      return t.dir;
    });
    const cleanUp = () => { for (const t of temporary) t.remove(); };
    process.once('exit', cleanUp);
    checkRunDirs(dirs);
    const distDir = await ensureViewerBundle(progress);
    const srv = await startViewerServer({ dirs, distDir, port });
    process.stdout.write(`${srv.url}\n`);
    if (!values['no-open-hint']) progress(`serving ${positionals.length} run director${positionals.length === 1 ? 'y' : 'ies'} on ${srv.url} (loopback only); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = () => { void srv.close().then(() => { cleanUp(); resolve(); }); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
