import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from './app';
import { systemClock } from './core/clock';
import { SandboxState } from './core/sandbox-state';
import { Mailbox } from './mailbox/mailbox';
import { SmtpReceiver } from './mailbox/smtp-receiver';

export interface SandboxOptions {
  /** HTTP port; 0 (the default) picks a free one, see `url`. */
  readonly port?: number;
  /** SMTP port; 0 (the default) picks a free one, see `smtpPort`. */
  readonly smtpPort?: number;
  /** Interface to bind both servers to; default `127.0.0.1`. */
  readonly host?: string;
  /** Where unexpected errors go; default stderr. */
  readonly onError?: (error: unknown) => void;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:4100`; platforms live under `/<type-lower>/`. */
  readonly url: string;
  readonly smtpPort: number;
  /** Stops both servers, dropping open connections and held requests. Safe to call twice. */
  close(): Promise<void>;
}

function logToStderr(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${JSON.stringify({ msg: 'sandbox error', error: message })}\n`);
}

/** The URL clients use: a wildcard bind address is reached through loopback. */
export function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the HTTP simulator and the SMTP mailbox in this process. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const onError = options.onError ?? logToStderr;
  const state = new SandboxState(systemClock);
  const mailbox = new Mailbox(systemClock);
  const smtp = new SmtpReceiver(mailbox, onError);
  const smtpPort = await smtp.listen(options.smtpPort ?? 0, host);

  const server = createServer(createApp({ state, mailbox, smtp, onUnexpectedError: onError }));
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    await smtp.close();
    throw error;
  }
  const url = urlFor(host, port);
  state.setOrigin(url);

  let closing: Promise<void> | undefined;
  return {
    url,
    smtpPort,
    close: () => {
      closing ??= Promise.all([closeHttp(server), smtp.close()]).then(() => undefined);
      return closing;
    },
  };
}
