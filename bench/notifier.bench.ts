/**
 * `npm run bench:notifier` — 10,000 `TokenExpiring` events through the running system (sandbox +
 * five services as processes, real PostgreSQL and NATS JetStream): the time until every in-app
 * notice is stored and every email has been accepted by an SMTP server, and the rates per second.
 *
 * Each event is for its own connection of one team with one admin: 10,000 events → 10,000 notices
 * and 10,000 emails, rendered in the member's language, each with a signed Reconnect link. The
 * notifier's account projection is seeded with SQL beforehand (not timed); the events are
 * published to JetStream as fast as the server acknowledges them, and the clock starts with the
 * first publish. Emails go to a counting SMTP server in this process (the sandbox's mailbox keeps
 * only the last 5,000 messages), which answers 250 only after the whole message arrived.
 *
 * Env: BENCH_EVENTS (10000), BENCH_EMAIL_CONCURRENCY (the notifier's EMAIL_CONCURRENCY, 5).
 * Needs PostgreSQL and NATS like the integration tests (DATABASE_URL / NATS_URL, else localhost).
 */
import { eventSubject, TokenExpiringV1, TOKEN_EXPIRING_V1 } from '@switchboard/contracts';
import { freePort, testNatsUrl } from '@switchboard/testing';
import { connect } from 'nats';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { createTeam } from '../test/support/flows';
import { System } from '../test/support/system';

const N = Number(process.env.BENCH_EVENTS ?? 10_000);
const EMAIL_CONCURRENCY = process.env.BENCH_EMAIL_CONCURRENCY ?? '5';
const log = (msg: string) => process.stdout.write(`${msg}\n`);

async function main(): Promise<void> {
  let accepted = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  const natsUrl = await testNatsUrl();
  const system = new System({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      EMAIL_CONCURRENCY,
      LOG_LEVEL: 'warn',
    },
  });
  try {
    log(`starting the system (sandbox + 5 services)…`);
    await system.start();
    const team = await createTeam(system.api, 'Bench team');
    const connections = Array.from({ length: N }, () => randomUUID());
    await seedAccounts(system.databaseUrl, team.teamId, team.memberId, connections);
    log(`seeded ${N} accounts; publishing ${N} TokenExpiring events…`);
    log(`  load average (1 min) before: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);

    const nc = await connect({ servers: natsUrl });
    const js = nc.jetstream();
    const subject = eventSubject(`${system.namespace}.events`, TOKEN_EXPIRING_V1);
    const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const started = Date.now();
    for (let i = 0; i < N; i += 500) {
      await Promise.all(
        connections.slice(i, i + 500).map((connectionId) => {
          const event = TokenExpiringV1.parse({
            specversion: '1.0',
            id: randomUUID(),
            source: 'switchboard/bench',
            type: TOKEN_EXPIRING_V1,
            time: new Date().toISOString(),
            subject: connectionId,
            datacontenttype: 'application/json',
            data: {
              connectionId,
              teamId: team.teamId,
              type: 'TWITTER',
              credentialVersion: 1,
              expiresAt,
              horizonSeconds: 259_200,
              cause: 'not_refreshable',
            },
          });
          return js.publish(subject, JSON.stringify(event), { msgID: event.id });
        }),
      );
    }
    const published = Date.now() - started;
    log(`published in ${published} ms`);
    await nc.close();

    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    let noticesAt = 0;
    let emailsAt = 0;
    let loggedAt = 0;
    while (!noticesAt || !emailsAt) {
      const [{ n }] = (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM notifier.notification WHERE kind = 'token_expiring'`,
        )
      ).rows;
      if (!noticesAt && Number(n) >= N) noticesAt = Date.now() - started;
      if (!emailsAt && accepted >= N) emailsAt = Date.now() - started;
      if (Date.now() - loggedAt >= 5000) {
        log(
          `  ${Math.round((Date.now() - started) / 1000)} s: notices ${n}/${N}, emails accepted ${accepted}/${N}`,
        );
        loggedAt = Date.now();
      }
      if (Date.now() - started > 30 * 60_000) throw new Error('gave up after 30 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const [{ emails, sent }] = (
      await db.query<{ emails: string; sent: string }>(
        `SELECT count(*) AS emails, count(*) FILTER (WHERE status = 'sent') AS sent FROM notifier.email_delivery`,
      )
    ).rows;
    await db.end();
    const rate = (ms: number) => Math.round((N / ms) * 1000);
    log('');
    log(
      `notifier benchmark: ${N} TokenExpiring events, 1 recipient each, EMAIL_CONCURRENCY=${EMAIL_CONCURRENCY}`,
    );
    log(`  published to JetStream:   ${published} ms (${rate(published)}/s)`);
    log(`  all notices stored:       ${noticesAt} ms (${rate(noticesAt)} notices/s)`);
    log(`  all emails accepted:      ${emailsAt} ms (${rate(emailsAt)} emails/s)`);
    log(
      `  email rows ${emails}, sent ${sent}; SMTP accepted ${accepted} (a duplicate would show here)`,
    );
    const metrics = await (
      await fetch(`http://127.0.0.1:${system.port('notifier')}/metrics`)
    ).text();
    const metric = (name: string) =>
      metrics
        .split('\n')
        .filter((l) => l.startsWith(name) && l.includes('token.expiring'))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    const handled = metric('bus_handle_duration_seconds_count');
    const handleMs = handled ? (metric('bus_handle_duration_seconds_sum') / handled) * 1000 : 0;
    log(
      `  notifier: ${handled} events handled, ${handleMs.toFixed(1)} ms each on average (one transaction per event)`,
    );
    log(`  load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    if (Number(emails) !== N || Number(sent) !== N || accepted !== N) process.exitCode = 1;
  } finally {
    await system.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  }
}

/** The notifier's projection of accounts, as AccountConnected events would have left it. */
async function seedAccounts(
  databaseUrl: string,
  teamId: string,
  memberId: string,
  ids: string[],
): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await db.query(
        `INSERT INTO notifier.account (connection_id, team_id, type, external_id, display_name, avatar_url,
           member_id, credential_version, updated_at)
         SELECT id, $2, 'TWITTER', 'ext-' || left(id::text, 8), 'Bench ' || left(id::text, 8), NULL, $3, 1, now()
         FROM unnest($1::uuid[]) AS id`,
        [chunk, teamId, memberId],
      );
    }
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
