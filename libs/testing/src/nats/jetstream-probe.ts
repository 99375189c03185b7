import { connect } from 'nats';
import { describeError } from '../describe-error';

/**
 * Connects to `url` and asks JetStream for the account info. Resolves when both work; rejects
 * with an error saying which step failed.
 */
export async function checkJetStream(
  url: string,
  timeoutMs = 3_000,
  auth?: { user: string; pass: string; inboxPrefix?: string },
): Promise<void> {
  let connection;
  try {
    connection = await connect({
      servers: url,
      timeout: timeoutMs,
      reconnect: false,
      maxReconnectAttempts: 0,
      name: 'switchboard-probe',
      ...auth,
    });
  } catch (error) {
    throw new Error(`cannot connect to NATS at ${url}: ${describeError(error)}`, { cause: error });
  }
  try {
    const manager = await connection.jetstreamManager({ timeout: timeoutMs });
    await manager.getAccountInfo();
  } catch (error) {
    throw new Error(
      `NATS at ${url} answers but JetStream does not (${describeError(error)}); ` +
        'the server must run with JetStream enabled (`nats-server -js`)',
      { cause: error },
    );
  } finally {
    await connection.close();
  }
}
