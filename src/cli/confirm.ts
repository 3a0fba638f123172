/**
 * Asking a person: only when stdin and stdout are terminals and the run is not CI;
 * otherwise consent must come from flags (a refusal names the flag, deploy/consent.ts).
 */
import { createInterface } from 'node:readline/promises';

/**
 * Whether the environment says this is a CI run: `CI` set to anything but empty,
 * `0` or `false` (GitHub Actions, GitLab CI and most others set `CI=true`).
 */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Whether a person can be asked: both ends are terminals and the run is not CI. */
export function canPrompt(streams: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(streams.stdin.isTTY && streams.stdout.isTTY) && !inCi(env);
}

export function interactiveConfirm(json: boolean): ((question: string) => Promise<boolean>) | undefined {
  if (json || !canPrompt()) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}
