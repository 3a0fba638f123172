/** Plans: Change[] → ordered steps with hazards and a rollback plan. */
export * from './types.js';
export { createPlan, DEFAULT_LOCK_TIMEOUT, hazardsOf, planHash, reversePlan, type PlanRequest } from './planner.js';
export { orderUnits, describeUnit } from './order.js';
export { toUnits } from './units.js';
export { invertUnit } from './inverse.js';
export { COLUMN_ORDER_POLICIES, describeNotice, requireReachableColumnOrder } from './column-order.js';
