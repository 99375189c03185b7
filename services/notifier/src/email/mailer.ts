import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** SMTP through a pooled nodemailer transport; `SMTP_URL` picks the server. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections: number,
  ) {
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections,
      maxMessages: 1000,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // stable per delivery: a receiving server can drop a copy re-sent after a lost reply
      messageId: `<${mail.id}@switchboard>`,
    });
  }

  close(): void {
    this.transport.close();
  }
}
