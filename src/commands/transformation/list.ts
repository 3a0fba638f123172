import { BaseCommand } from '../../cli/base-command.js';
import { TRANSFORMERS } from '../../jobs/transforms/index.js';

interface Listed {
  name: string;
  summary: string;
  options: { name: string; type: string; default?: string | number | boolean; required: boolean; choices?: readonly string[]; description: string }[];
}

export default class TransformationList extends BaseCommand {
  static override summary = 'List the transformations a job can apply to a column (--transform TABLE.COLUMN=NAME:opt=value,…), with their options and defaults.';

  async run(): Promise<Listed[]> {
    await this.parse(TransformationList);
    const list = TRANSFORMERS.map((t) => ({
      name: t.name,
      summary: t.summary,
      options: t.options.map((o) => ({ ...o, required: o.default === undefined })),
    }));
    const text = list.map((t) => {
      const opts = t.options.map((o) => `    ${o.name}=${o.required ? '(required)' : JSON.stringify(o.default)}  ${o.description}${o.choices ? ` (${o.choices.join('|')})` : ''}`);
      return [`${t.name}  ${t.summary}`, ...opts].join('\n');
    });
    this.print(text.join('\n'));
    return list;
  }
}
