/** Asking a person: only when stdin and stdout are terminals; otherwise consent must come from flags. */
import { createInterface } from 'node:readline/promises';

export function interactiveConfirm(json: boolean): ((question: string) => Promise<boolean>) | undefined {
  if (json || !process.stdin.isTTY || !process.stdout.isTTY || process.env.CI) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}
