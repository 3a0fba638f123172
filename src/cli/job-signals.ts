/**
 * Ctrl-C and SIGTERM for commands that run jobs (`redb job run|resume`, `redb worker`):
 * the first one aborts the signal handed to the runner, which stops between two batches
 * with its checkpoint committed (a clean pause, exit 0); a second one exits at once,
 * which is safe too (the checkpoint of the last committed batch is what the target holds)
 * but leaves the job `interrupted` until someone resumes it.
 */
import { ExitCode } from '../errors.js';

export interface StopSignals {
  readonly signal: AbortSignal;
  /** Removes the handlers: the process exits as usual again. */
  dispose(): void;
}

export function stopOnSignals(what: string, stderr: { write(text: string): unknown } = process.stderr): StopSignals {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      stderr.write(`${name} again: exiting now\n`);
      process.exit(ExitCode.error);
    }
    stderr.write(`${name}: ${what} stops after the current batch (again to exit now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
