/** Step progress of a deploy on a terminal: one line per step on stderr, only when it is a TTY and never with --json. */
import type { PlanStep } from '../plan/types.js';
import { paint } from './color.js';

export type StepReporter = (n: number, total: number, step: PlanStep) => void;

export function stepProgress(stream: { isTTY?: boolean; write(text: string): unknown }, json: boolean): StepReporter | undefined {
  if (json || !stream.isTTY) return undefined;
  return (n, total, step) => {
    stream.write(`${paint('dim', `[${n}/${total}]`)} ${step.comment}\n`);
  };
}
