import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../engine/io/input-error.ts';
import type { CliCommand } from './command.ts';
import { COMMAND_SUMMARIES } from './command-list.ts';
import { VERSION } from '../engine/version.ts';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
// The sources (cli/commands/*.ts) or their compiled copies (dist/cli/commands/*.js).
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Names of the subcommands: one file per command in cli/commands/, named after it. */
export function commandNames(): string[] {
  return readdirSync(commandsDir).filter((f) => f.endsWith(EXT) && !f.endsWith(`.test${EXT}`)).map((f) => f.slice(0, -EXT.length)).sort();
}

/** Import one subcommand (only the one that runs, so start-up stays fast). */
async function loadCommand(name: string): Promise<CliCommand> {
  const mod = (await import(pathToFileURL(join(commandsDir, `${name}${EXT}`)).href)) as { command?: CliCommand };
  if (!mod.command || mod.command.name !== name) throw new Error(`cli/commands/${name}${EXT} must export a command named "${name}"`);
  return mod.command;
}

/** Every subcommand, sorted by name. */
export async function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(commandNames().map(loadCommand));
}

/** The command list (names and summaries from command-list.ts: no command is loaded). */
function usage(): string {
  const names = commandNames();
  const width = Math.max(...names.map((n) => n.length));
  const summaries: Record<string, string> = COMMAND_SUMMARIES;
  return [
    `patrolsim ${VERSION}: plan police patrol deployments against 1/3/5-minute response standards`,
    '',
    'Usage: patrolsim <command> [options]   (patrolsim <command> --help for details)',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${summaries[n] ?? ''}`),
    '',
    'Exit status: 0 success, 2 bad input (the message names the file, line or field), 1 internal error.',
  ].join('\n');
}

/** Run the CLI; returns the exit code. Input errors print one clear message and return 2. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') { process.stdout.write(`${VERSION}\n`); return 0; }
  if (!commandNames().includes(name)) {
    process.stderr.write(`patrolsim: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const command = await loadCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`patrolsim ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
