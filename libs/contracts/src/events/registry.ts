import { z } from 'zod';
import { AccountConnectedV1 } from './account-connected.v1';
import { AccountDisconnectedV1 } from './account-disconnected.v1';
import { AccountReconnectedV1 } from './account-reconnected.v1';
import { ConnectFailedV1 } from './connect-failed.v1';
import { MemberErasedV1 } from './member-erased.v1';
import { RefreshFailedV1 } from './refresh-failed.v1';
import { TokenExpiringV1 } from './token-expiring.v1';
import { TokenRefreshedV1 } from './token-refreshed.v1';
import { TokenRevokedV1 } from './token-revoked.v1';

/** Every event type the system publishes, keyed by its versioned `type`. */
export const EVENT_SCHEMAS = {
  [AccountConnectedV1.shape.type.value]: AccountConnectedV1,
  [AccountReconnectedV1.shape.type.value]: AccountReconnectedV1,
  [AccountDisconnectedV1.shape.type.value]: AccountDisconnectedV1,
  [ConnectFailedV1.shape.type.value]: ConnectFailedV1,
  [TokenRefreshedV1.shape.type.value]: TokenRefreshedV1,
  [TokenExpiringV1.shape.type.value]: TokenExpiringV1,
  [RefreshFailedV1.shape.type.value]: RefreshFailedV1,
  [TokenRevokedV1.shape.type.value]: TokenRevokedV1,
  [MemberErasedV1.shape.type.value]: MemberErasedV1,
} as const;

export type EventSchemas = typeof EVENT_SCHEMAS;
export type EventType = keyof EventSchemas;
export type EventOf<T extends EventType> = z.infer<EventSchemas[T]>;
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];
export type EventData<T extends EventType> = EventOf<T>['data'];

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMAS, type);
}

const TYPE_PREFIX = 'switchboard.';

/** NATS subject of an event type under a prefix: `sb.events` + `account.connected.v1`. */
export function eventSubject(prefix: string, type: EventType): string {
  return `${prefix}.${type.slice(TYPE_PREFIX.length)}`;
}
