/** `--online` (diff, plan, deploy): said neutrally; each adapter decides which of its statements have an online form. */
import { Flags } from '@oclif/core';

export const onlineFlag = Flags.boolean({
  description: 'prefer online forms where the engine has them: indexes built without blocking writes, constraints added first and validated after, so tables stay usable while a step runs; where the engine can only copy or lock a table for a step, the plan is refused (E_NOT_ONLINE)',
});
