/**
 * Runs the viewer full-screen until `q`: on the terminal's alternate screen (what was
 * on the screen before comes back on quit, as with `less`), cursor hidden. Loaded only
 * by `import()` from launch.ts, so that ink and react load only when a viewer opens.
 */
import { createElement as h } from 'react';
import { render } from 'ink';
import type { ScriptFraming } from '../../../adapters/types.js';
import type { DiffResult } from '../../core/diff.js';
import { Viewer } from './app.js';
import { viewerModel } from './model.js';

const ALT_SCREEN_ON = '\u001b[?1049h\u001b[H';
const ALT_SCREEN_OFF = '\u001b[?1049l';

export async function runViewer(result: DiffResult, framing: ScriptFraming, color: boolean): Promise<void> {
  const model = viewerModel(result);
  process.stdout.write(ALT_SCREEN_ON);
  try {
    const app = render(h(Viewer, { model, framing, color }), { exitOnCtrlC: true, patchConsole: false });
    await app.waitUntilExit();
  } finally {
    process.stdout.write(ALT_SCREEN_OFF);
  }
}
