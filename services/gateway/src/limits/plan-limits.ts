import { z } from 'zod';
import { PLANS, type Plan } from '../teams/team.entity';

/** Accounts per platform per team, by plan; null = unlimited. */
export type PlanLimits = Record<Plan, number | null>;

export const DEFAULT_PLAN_LIMITS: PlanLimits = {
  free: 1,
  starter: 3,
  professional: 10,
  enterprise: null,
};

const PlanLimitsSchema = z.strictObject(
  Object.fromEntries(
    PLANS.map((p) => [p, z.number().int().min(0).nullable().optional()]),
  ) as Record<Plan, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>,
);

/** `PLAN_LIMITS` env: a JSON object overriding some plans, e.g. `{"free": 2}`. */
export function parsePlanLimits(raw: string | undefined): PlanLimits {
  if (!raw) return DEFAULT_PLAN_LIMITS;
  const parsed = PlanLimitsSchema.parse(JSON.parse(raw));
  return {
    ...DEFAULT_PLAN_LIMITS,
    ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
  };
}
