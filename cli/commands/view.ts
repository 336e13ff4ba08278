import type { CliCommand } from '../command.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import { ensureViewerBundle } from '../../viewer/server/build-bundle.ts';
import { checkRunDirs, startViewerServer } from '../../viewer/server/serve-viewer.ts';

export const command: CliCommand = {
  name: 'view',
  summary: 'Open run directories in the browser viewer (map, coverage, replay, comparison)',
  help: `Usage: patrolsim view <dir> [<dir2>] [--port N]

Serve the viewer and the given run directories (what coverage, simulate and optimize write; see
docs/run-directory.md) on http://127.0.0.1 only, and print the URL. Two directories open side by side
for comparison (current layout vs proposal). Each must be a complete run directory (its run.json
present and every file it lists unchanged): an incomplete or mixed one is refused (exit 2). Only the
files run.json lists are served, nothing outside the viewer bundle and these directories. The viewer bundle is built on first use (Vite) into viewer/dist.

Options:
  --port N   port to listen on (default: a free port)
  --no-open-hint  print only the URL
Stops with Ctrl-C.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('view', args, { port: { type: 'string' }, 'no-open-hint': { type: 'boolean' } });
    const port = numberFlag('port', values.port, { integer: true, min: 0, max: 65535 });
    checkRunDirs(positionals);
    const distDir = await ensureViewerBundle(progress);
    const srv = await startViewerServer({ dirs: positionals, distDir, port });
    process.stdout.write(`${srv.url}\n`);
    if (!values['no-open-hint']) progress(`serving ${positionals.length} run director${positionals.length === 1 ? 'y' : 'ies'} on ${srv.url} (loopback only); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = () => { void srv.close().then(resolve); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
