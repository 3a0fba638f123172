import { Args, loadHelpClass, type Command } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { unknownCommand, visibleCommands } from '../cli/command-names.js';

export interface CommandHelp {
  command: string;
  summary?: string;
  description?: string;
  args: { name: string; description?: string; required: boolean }[];
  flags: { name: string; char?: string; description?: string; required: boolean; default?: unknown }[];
  examples: string[];
}

export type HelpResult = { commands: { command: string; summary?: string }[] } | CommandHelp;

/** `redb help [COMMAND…]`: what `--help` prints, and with --json the same as data. */
export default class Help extends BaseCommand {
  static override summary = 'Show the commands, or the usage, flags and examples of one command.';
  static override strict = false;
  static override examples = ['<%= config.bin %> help', '<%= config.bin %> help database connect', '<%= config.bin %> help diff --json'];
  static override args = { command: Args.string({ description: 'a command, e.g. diff or database connect' }) };

  async run(): Promise<HelpResult> {
    const { argv } = await this.parse(Help);
    const words = argv as string[];
    const id = words.join(':');
    const command = id ? this.config.findCommand(id) : undefined;
    if (id && !command && !this.config.findTopic(id)) throw unknownCommand(this.config, words);
    if (!this.jsonEnabled()) {
      const HelpClass = await loadHelpClass(this.config);
      await new HelpClass(this.config).showHelp(words);
    }
    if (command) return commandHelp(command, this.config.bin);
    const commands = visibleCommands(this.config).filter((c) => !id || c.startsWith(`${words.join(' ')} `));
    return { commands: commands.map((c) => ({ command: c, summary: this.config.findCommand(c.replaceAll(' ', ':'))?.summary })) };
  }
}

function commandHelp(c: Command.Loadable, bin: string): CommandHelp {
  const text = (s: string) => s.replaceAll('<%= config.bin %>', bin);
  return {
    command: c.id.replaceAll(':', ' '),
    ...(c.summary ? { summary: c.summary } : {}),
    ...(c.description ? { description: c.description } : {}),
    args: Object.values(c.args ?? {}).map((a) => ({ name: a.name, ...(a.description ? { description: a.description } : {}), required: !!a.required })),
    flags: Object.entries(c.flags ?? {})
      .filter(([, f]) => !f.hidden)
      .map(([name, f]) => ({ name, ...(f.char ? { char: f.char } : {}), ...(f.summary || f.description ? { description: f.summary ?? f.description } : {}), required: !!f.required, ...(f.default !== undefined && typeof f.default !== 'function' ? { default: f.default } : {}) })),
    examples: (c.examples ?? []).map((e) => text(typeof e === 'string' ? e : e.command)),
  };
}
