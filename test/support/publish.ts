import { ACCOUNT_CONNECTED_V1, AccountConnectedV1, eventSubject } from '@switchboard/contracts';
import { connect, headers } from 'nats';
import { randomUUID } from 'node:crypto';

/** Publishes raw bytes onto the system's event stream, as a misbehaving or outside publisher would. */
export async function publishRaw(
  natsUrl: string,
  subject: string,
  payload: string | Uint8Array,
  msgId: string = randomUUID(),
): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    await nc
      .jetstream()
      .publish(subject, typeof payload === 'string' ? Buffer.from(payload) : payload, {
        headers: h,
        msgID: msgId,
      });
  } finally {
    await nc.close();
  }
}

export function eventsSubject(namespace: string, suffix: string): string {
  return `${namespace}.events.${suffix}`;
}

/** A valid AccountConnected event for a made-up connection of a team. */
export function accountConnectedEvent(
  teamId: string,
  displayName: string,
): { id: string; connectionId: string; subjectSuffix: string; json: string } {
  const connectionId = randomUUID();
  const id = randomUUID();
  const event = AccountConnectedV1.parse({
    specversion: '1.0',
    id,
    source: 'switchboard/test',
    type: ACCOUNT_CONNECTED_V1,
    time: new Date().toISOString(),
    subject: connectionId,
    datacontenttype: 'application/json',
    data: {
      connectionId,
      teamId,
      type: 'TWITTER',
      externalId: `ext-${connectionId.slice(0, 8)}`,
      displayName,
      avatarUrl: null,
      memberId: null,
      endUserId: null,
      metadata: {},
      scopes: ['tweet.read'],
      credentialVersion: 1,
      expiresAt: null,
      refreshable: false,
      refreshExpiresAt: null,
      connectedAt: new Date().toISOString(),
    },
  });
  return {
    id,
    connectionId,
    subjectSuffix: eventSubject('x', ACCOUNT_CONNECTED_V1).slice(2),
    json: JSON.stringify(event),
  };
}
