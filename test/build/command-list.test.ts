import { describe, expect, it } from 'vitest';
import { COMMAND_SUMMARIES } from '../../cli/command-list.ts';
import { commandNames, loadCommands } from '../../cli/main.ts';

describe('the command list', () => {
  it('names exactly the commands of cli/commands/, each with the summary its command shows', async () => {
    expect(Object.keys(COMMAND_SUMMARIES).sort()).toEqual(commandNames());
    for (const c of await loadCommands()) expect(c.summary).toBe((COMMAND_SUMMARIES as Record<string, string>)[c.name]);
  });
});
