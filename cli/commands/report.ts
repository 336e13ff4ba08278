import { basename } from 'node:path';
import type { CliCommand } from '../command.ts';
import { numberFlag, parseCommandArgs, progress } from '../args.ts';
import { InputError } from '../../engine/io/input-error.ts';
import { writeOutputFile } from '../../engine/io/files.ts';
import { readProposal } from '../../engine/io/proposal.ts';
import { parseRun } from '../../engine/io/run-directory/parse-run.ts';
import { isPlainFile } from '../../engine/io/run-directory/run-directory.ts';
import { proposalRunContent } from '../../engine/workflow/proposal-run.ts';
import { checkOutputFlags } from '../output-flags.ts';
import { readReportInput, renderReportHtml } from '../../viewer/report/build-report.ts';
import { COMMAND_SUMMARIES } from '../command-list.ts';

export const command: CliCommand = {
  name: 'report',
  summary: COMMAND_SUMMARIES.report,
  help: `Usage: patrolsim report <dir | proposal.json> --out report.html [--target-share S]

Read a run directory (see docs/run-directory.md; an incomplete or mixed one, without run.json or
with a file changed or copied in, is refused with exit 2), or a comparison directory (the demo's: the
runs before/ and after/ with compare.json), and write one HTML file titled with the scenario's name:
the before/after table first, the map(s) (inline SVG: roads coloured by arrival time, key sites,
posts, post moves), tier compliance against a target share, the response-time distribution and tables.
The file needs no server, no network and no script; print it or mail it. A proposal (optimize --out)
is briefed on the network it was planned on: its posts and their static coverage of its demand against
its tiers.

Options:
  --out FILE          where to write the report (required)
  --target-share S    the compliance target the bars are judged against, 0..1 (default 0.9)`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('report', args, { out: { type: 'string' }, 'target-share': { type: 'string' } });
    if (positionals.length !== 1) throw new InputError(`expected one run directory or proposal, got ${positionals.length} (patrolsim report <dir> --out report.html)`);
    if (!values.out) throw new InputError('--out: required (the HTML file to write)');
    checkOutputFlags([{ flag: '--out', path: values.out, kind: 'file' }]);
    progress(`reading ${positionals[0]} ...`);
    const targetShare = numberFlag('target-share', values['target-share'], { min: 0, max: 1 });
    const source = positionals[0];
    const input = isPlainFile(source)
      ? { runs: [parseRun(basename(source).replace(/\.json$/i, ''), proposalRunContent(readProposal(source), source).files as Record<string, string>)], compare: null }
      : readReportInput(source);
    const html = renderReportHtml(input, { targetShare });
    writeOutputFile(values.out, html);
    progress(`wrote ${values.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)`);
    return 0;
  },
};
