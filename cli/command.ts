/** One CLI subcommand. Each file in cli/commands/ exports `command`. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full --help text. */
  help: string;
  /** Run with the arguments after the subcommand name; resolve to the exit code. */
  run(args: string[]): Promise<number>;
}
