import type { Clock } from '../core/clock';

export interface MailItem {
  /** The envelope recipient this copy was delivered to. */
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly links: readonly string[];
  /** ISO 8601 time the sandbox received it. */
  readonly at: string;
}

export type IncomingMail = Omit<MailItem, 'to' | 'at'>;

/** Oldest mail is dropped beyond this, so a long benchmark cannot exhaust memory. */
const MAX_ITEMS = 5000;

/** Received mail, one item per envelope recipient, oldest first. */
export class Mailbox {
  private items: MailItem[] = [];

  constructor(private readonly clock: Clock) {}

  deliver(recipients: readonly string[], mail: IncomingMail): void {
    const at = new Date(this.clock()).toISOString();
    for (const to of recipients) this.items.push({ ...mail, to, at });
    if (this.items.length > MAX_ITEMS) this.items = this.items.slice(-MAX_ITEMS);
  }

  list(to: string | undefined): readonly MailItem[] {
    if (to === undefined) return this.items;
    const wanted = to.toLowerCase();
    return this.items.filter((item) => item.to.toLowerCase() === wanted);
  }

  clear(): void {
    this.items = [];
  }
}
