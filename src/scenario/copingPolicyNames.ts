/**
 * The coping policies' names in their public order (metrics `coping.<policy>`). The schema
 * (coordinationSchema.ts) declares the policies and fails to compile if its keys and this list
 * differ. The list lives apart from the schema so that the dashboard's main thread can name
 * policies without bundling zod: the main thread never validates (the worker does).
 */
export const COPING_POLICIES = ['rationing', 'queueing', 'creaming', 'nicheRefusal', 'lightIp', 'withholdIp', 'delegating', 'dropOrder', 'postHocPlans', 'bilateralDrift', 'fightFlight'] as const;
export type CopingPolicyName = (typeof COPING_POLICIES)[number];
