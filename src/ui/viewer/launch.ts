/**
 * Opening the viewer from a command: only where a person can use it (stdin and stdout
 * terminals, not CI — the same rule as a confirmation prompt); otherwise the command
 * prints the text diff instead. Imports no ink or react: they load by `import()` here,
 * only when a viewer opens, so every other command starts as fast as before
 * (docs/performance.md, "Start-up").
 *
 * @example
 * if (viewerPossible()) await openViewer(result, framing); else this.log(renderDiffText(result));
 */
import type { ScriptFraming } from '../../../adapters/types.js';
import type { DiffResult } from '../../core/diff.js';
import { colorEnabled } from '../color.js';

/** True when the viewer can run here: a terminal to draw on and keys to read, no CI. */
export function viewerPossible(): boolean {
  const ci = process.env.CI !== undefined && process.env.CI !== '0' && process.env.CI !== 'false';
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !ci;
}

/** Runs the viewer until the user quits. */
export async function openViewer(result: DiffResult, framing: ScriptFraming): Promise<void> {
  const { runViewer } = await import('./open.js');
  await runViewer(result, framing, colorEnabled());
}

/**
 * The viewer where it can run and there is something to see; otherwise the text diff
 * `redb diff` prints (a pipe, CI, or two sides with the same schema).
 */
export async function viewOrPrint(result: DiffResult, framing: () => Promise<ScriptFraming>, log: (text: string) => void): Promise<void> {
  if (result.same || !viewerPossible()) {
    const { renderDiffText } = await import('../diff-text.js');
    log(renderDiffText(result));
    return;
  }
  await openViewer(result, await framing());
}
