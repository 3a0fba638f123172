/** `--column-order refuse|accept`, shared by `redb diff`, `redb plan` and `redb deploy` (docs/concepts.md, "Column order"). */
import { Flags } from '@oclif/core';
import { COLUMN_ORDER_POLICIES } from '../plan/index.js';

export const columnOrderFlag = () =>
  Flags.option({
    options: COLUMN_ORDER_POLICIES,
    description: 'when the engine cannot reach a table\'s column order: refuse (default; deploy exits 3) or accept the order the plan reaches (deploy verifies against it)',
  })();
