/**
 * A mistake in user input (a file, a flag, a scenario field). The CLI prints `message` and exits 2,
 * never a stack trace. Build messages as "<file>:<line>: <field>: expected ..., got ...".
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Format a location: "file:line: message", "file: message" or just the message. */
export function at(file: string | undefined, line: number | undefined, message: string): string {
  if (file === undefined) return message;
  return line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`;
}

/** Throw one InputError listing every problem (at most 20 shown, with a count of the rest). */
export function throwProblems(problems: readonly string[], heading?: string): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20);
  const more = problems.length > shown.length ? [`... and ${problems.length - shown.length} more problems`] : [];
  const lines = [...(heading ? [heading] : []), ...shown, ...more];
  throw new InputError(lines.join('\n'));
}
