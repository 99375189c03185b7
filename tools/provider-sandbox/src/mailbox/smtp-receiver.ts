import type { AddressInfo } from 'node:net';

import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

import { extractLinks } from './links';
import type { Mailbox } from './mailbox';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface SmtpError extends Error {
  responseCode: number;
}

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/** 421: the client should keep the mail and try again later (RFC 5321 4.2.1). */
const downError = (): SmtpError =>
  smtpError(421, 'Sandbox mailbox is down (injected fault), try again later');

/**
 * Accepts every mail over plain SMTP (any or no AUTH, no TLS) into the mailbox. While `down`,
 * new connections and new transactions get 421.
 */
export class SmtpReceiver {
  private down = false;
  private readonly server: SMTPServer;

  constructor(
    private readonly mailbox: Mailbox,
    onError: (error: Error) => void,
  ) {
    this.server = new SMTPServer({
      name: 'provider-sandbox',
      banner: 'Switchboard provider sandbox',
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      size: MAX_MESSAGE_BYTES,
      logger: false,
      closeTimeout: 1000,
      onConnect: (_session, callback) => callback(this.down ? downError() : null),
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      onMailFrom: (_address, _session, callback) => callback(this.down ? downError() : null),
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) =>
            callback(
              error instanceof Error ? error : smtpError(451, 'Could not store the message'),
            ),
        );
      },
    });
    this.server.on('error', onError);
  }

  get isDown(): boolean {
    return this.down;
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  /** Resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onListenError = (error: Error): void => reject(error);
      this.server.server.once('error', onListenError);
      this.server.listen(port, host, () => {
        this.server.server.off('error', onListenError);
        resolve((this.server.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, 'Message exceeds the size limit');
    const email = await PostalMime.parse(Buffer.concat(chunks));
    const html = email.html ?? '';
    const text = email.text ?? '';
    this.mailbox.deliver(
      session.envelope.rcptTo.map((recipient) => recipient.address),
      {
        from:
          email.from?.address ??
          (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
        subject: email.subject ?? '',
        text,
        html,
        links: extractLinks(html, text),
      },
    );
  }
}
