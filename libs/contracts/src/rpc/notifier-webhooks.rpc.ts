import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';

/** The event names of API.md, as webhooks carry them in `type`. */
export const WEBHOOK_EVENT_TYPES = [
  'account.connected',
  'account.reconnected',
  'account.disconnected',
  'account.expiring',
  'account.refresh_failed',
  'account.revoked',
  'connect.failed',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

export const WebhookSubscriptionSchema = z.strictObject({
  id: IdSchema,
  teamId: IdSchema,
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  status: z.enum(['active', 'disabled']),
  /** Since when every delivery has failed (null while healthy). */
  failingSince: IsoTimeSchema.nullable(),
  disabledAt: IsoTimeSchema.nullable(),
  disabledReason: z.string().nullable(),
  createdAt: IsoTimeSchema,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookAttemptSchema = z.strictObject({
  at: IsoTimeSchema,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  manual: z.boolean(),
});

export const WebhookDeliverySchema = z.strictObject({
  id: IdSchema,
  subscriptionId: IdSchema,
  /** The `id` in the body: the same for every delivery and retry of one event. */
  eventId: IdSchema,
  eventType: WebhookEventTypeSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().nonnegative(),
  createdAt: IsoTimeSchema,
  nextAttemptAt: IsoTimeSchema.nullable(),
  deliveredAt: IsoTimeSchema.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** The most recent attempts, oldest first (at most 50). */
  attemptLog: z.array(WebhookAttemptSchema),
  /** The exact JSON body sent (only when one delivery is asked for). */
  body: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

const Scope = { teamId: IdSchema.nullable() };
const Page = { limit: z.number().int().min(1).max(500), cursor: z.string().max(200).nullable() };

export const NotifierWebhookCreate = defineRpc(
  'notifier.webhooks.create',
  z.strictObject({
    teamId: IdSchema,
    url: z.string().min(1).max(2000),
    events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
    /** The caller's Idempotency-Key: a retry returns the first answer, secret included. */
    idempotencyKey: z.string().min(1).max(200).nullable(),
  }),
  z.strictObject({ subscription: WebhookSubscriptionSchema, secret: z.string() }),
);

export const NotifierWebhookList = defineRpc(
  'notifier.webhooks.list',
  z.strictObject({ teamId: IdSchema, ...Page }),
  z.strictObject({ items: z.array(WebhookSubscriptionSchema), nextCursor: z.string().nullable() }),
);

export const NotifierWebhookGet = defineRpc(
  'notifier.webhooks.get',
  z.strictObject({ ...Scope, id: IdSchema }),
  WebhookSubscriptionSchema,
);

export const NotifierWebhookDelete = defineRpc(
  'notifier.webhooks.delete',
  z.strictObject({ ...Scope, id: IdSchema }),
  z.strictObject({ deleted: z.literal(true) }),
);

/** Turns a disabled subscription back on (its failure clock starts afresh). */
export const NotifierWebhookEnable = defineRpc(
  'notifier.webhooks.enable',
  z.strictObject({ ...Scope, id: IdSchema }),
  WebhookSubscriptionSchema,
);

export const NotifierWebhookDeliveries = defineRpc(
  'notifier.webhooks.deliveries',
  z.strictObject({ ...Scope, subscriptionId: IdSchema, ...Page }),
  z.strictObject({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() }),
);

export const NotifierWebhookDeliveryGet = defineRpc(
  'notifier.webhooks.delivery',
  z.strictObject({ ...Scope, subscriptionId: IdSchema, deliveryId: IdSchema }),
  WebhookDeliverySchema,
);

/** Sends a delivery again now (delivered or failed alike), re-signed; attempts are logged. */
export const NotifierWebhookRedeliver = defineRpc(
  'notifier.webhooks.redeliver',
  z.strictObject({ ...Scope, subscriptionId: IdSchema, deliveryId: IdSchema }),
  WebhookDeliverySchema,
);
