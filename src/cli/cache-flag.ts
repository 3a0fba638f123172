import { Flags } from '@oclif/core';

/** `--no-cache` on status and commit: read the schema whole even when its fingerprint is unchanged (src/core/live-tree.ts). */
export const cacheFlag = Flags.boolean({
  default: true,
  allowNo: true,
  description: 'skip reading a schema whose fingerprint is the one recorded with the branch head (--no-cache: always read it whole)',
});
