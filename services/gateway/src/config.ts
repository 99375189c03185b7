import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';
import { parsePlanLimits } from './limits/plan-limits';

export const GatewayEnvSchema = z.object({
  ...commonEnv,
  GATEWAY_PORT: port(3000),
  /** Public base URL of this gateway (links, cookies, OAuth callbacks). */
  PUBLIC_URL: z.url(),
  /** When set, this value is an admin API key (dev mode prints it). Stored only as a hash. */
  SWITCHBOARD_ADMIN_API_KEY: z.string().min(24).optional(),
  /** Verifies signed links (the notifier's one-click Reconnect links); shared with the notifier. */
  PORTAL_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The longest a portal or accounts-page link may live (seconds; 48 h at most). */
  PORTAL_LINK_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(48 * 3600)
    .default(48 * 3600),
  /** Accounts per platform by plan, JSON overriding the defaults `{"free":1,"starter":3,"professional":10,"enterprise":null}`. */
  PLAN_LIMITS: z
    .string()
    .refine((v) => {
      try {
        parsePlanLimits(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be JSON like {"free":1,"starter":3,"professional":10,"enterprise":null}')
    .optional(),
  /**
   * An account (same platform and external id) already connected in another team: `allow` it
   * (each team gets its own connection), or `refuse` the new connection with
   * `<type>-callback=error&code=account-connected-elsewhere` (and refuse copies into other teams).
   */
  ACCOUNT_CONNECTED_ELSEWHERE: z.enum(['allow', 'refuse']).default('allow'),
});
export type GatewayEnv = z.infer<typeof GatewayEnvSchema>;
export const GATEWAY_ENV = Symbol('GATEWAY_ENV');
