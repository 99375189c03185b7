import { z } from 'zod';
import { defineRpc } from './define';

const Count = z.number().int().nonnegative();

export const BusStatusSchema = z.strictObject({
  service: z.string(),
  outbox: z.strictObject({
    /** Events written but not yet relayed to JetStream. */
    pending: Count,
    /** Age of the oldest of them (null when none is pending). */
    oldestPendingSeconds: z.number().nonnegative().nullable(),
  }),
  /** The service's durable consumer on the event stream; null when it consumes no events. */
  consumer: z
    .strictObject({
      durable: z.string(),
      /** Messages on the stream the consumer has not been handed yet (its lag). */
      pending: Count,
      /** Handed out, not acknowledged yet. */
      ackPending: Count,
      redelivered: Count,
    })
    .nullable(),
  deadLetters: z.strictObject({ unreplayed: Count }),
});
export type BusStatus = z.infer<typeof BusStatusSchema>;

/** Operators: outbox backlog, consumer lag and dead letters of one service (`<service>.bus.status`). */
export const busStatus = (service: string) =>
  defineRpc(`${service}.bus.status`, z.strictObject({}), BusStatusSchema);
