import nodemailer from 'nodemailer';

import { SandboxHarness } from './support/sandbox-harness';

interface MailItemBody {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly links: string[];
  readonly at: string;
}

describe('mailbox', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  // Exactly how the notifier will talk to it in dev mode: plain SMTP, no TLS.
  const transport = () =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: sandbox.smtpPort,
      secure: false,
      ignoreTLS: true,
    });

  async function mailFor(to?: string): Promise<MailItemBody[]> {
    const query = to === undefined ? '' : `?to=${encodeURIComponent(to)}`;
    const res = await sandbox.control<{ items: MailItemBody[] }>('GET', `/mail${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('stores mail sent over plain SMTP and extracts its links', async () => {
    await transport().sendMail({
      from: 'notifier@switchboard.test',
      to: 'alice@example.com',
      subject: 'Your X connection expires soon',
      text: 'Reconnect: https://portal.example.com/reconnect?id=1&sig=a. Thanks',
      html:
        '<p><a href="https://portal.example.com/reconnect?id=1&amp;sig=a">Reconnect</a> ' +
        '<a href=\'http://localhost:3000/settings\'>Settings</a> <a href="mailto:help@example.com">Help</a></p>',
    });

    const items = await mailFor('alice@example.com');
    expect(items).toEqual([
      {
        to: 'alice@example.com',
        from: 'notifier@switchboard.test',
        subject: 'Your X connection expires soon',
        text: expect.stringContaining('Reconnect:') as string,
        html: expect.stringContaining('<a href=') as string,
        links: [
          'https://portal.example.com/reconnect?id=1&sig=a',
          'http://localhost:3000/settings',
        ],
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      },
    ]);
  });

  it('filters by recipient, keeps one item per recipient, oldest first, and clears', async () => {
    const smtp = transport();
    await smtp.sendMail({
      from: 'a@x.test',
      to: ['bob@example.com', 'carol@example.com'],
      subject: 'one',
      text: 'one',
    });
    await smtp.sendMail({ from: 'a@x.test', to: 'Bob@Example.com', subject: 'two', text: 'two' });

    expect((await mailFor('bob@example.com')).map((item) => item.subject)).toEqual(['one', 'two']);
    expect((await mailFor('carol@example.com')).map((item) => item.subject)).toEqual(['one']);
    expect(await mailFor()).toHaveLength(3);

    expect((await sandbox.control('DELETE', '/mail')).status).toBe(200);
    expect(await mailFor()).toEqual([]);
  });

  it('while SMTP is down sending fails with a temporary 421; back up, it succeeds', async () => {
    expect((await sandbox.control('POST', '/smtp', { down: true })).body).toEqual({ down: true });
    const mail = { from: 'a@x.test', to: 'dan@example.com', subject: 'retry me', text: 'hi' };

    await expect(transport().sendMail(mail)).rejects.toMatchObject({ responseCode: 421 });
    expect(await mailFor('dan@example.com')).toEqual([]);

    await sandbox.control('POST', '/smtp', { down: false });
    await transport().sendMail(mail);
    expect((await mailFor('dan@example.com')).map((item) => item.subject)).toEqual(['retry me']);
  });

  it('reset brings SMTP back up and empties the mailbox', async () => {
    await transport().sendMail({
      from: 'a@x.test',
      to: 'eve@example.com',
      subject: 's',
      text: 't',
    });
    await sandbox.control('POST', '/smtp', { down: true });
    await sandbox.reset();
    expect(await mailFor()).toEqual([]);
    await transport().sendMail({
      from: 'a@x.test',
      to: 'eve@example.com',
      subject: 's',
      text: 't',
    });
    expect(await mailFor('eve@example.com')).toHaveLength(1);
  });

  it('accepts AUTH with any credentials, as a dev mail catcher should', async () => {
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sandbox.smtpPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'notifier', pass: 'anything' },
    });
    await smtp.sendMail({ from: 'a@x.test', to: 'fay@example.com', subject: 'auth', text: 't' });
    expect(await mailFor('fay@example.com')).toHaveLength(1);
  });
});
