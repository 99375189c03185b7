import { LOCALES } from '../i18n/locales';
import type { AccountFacts, MessageSpec } from './message-spec';
import { MessageRenderer } from './renderer';

const account: AccountFacts = {
  connectionId: '00000000-0000-4000-8000-000000000001',
  teamId: '00000000-0000-4000-8000-000000000002',
  type: 'TWITTER',
  displayName: 'Alice <script>alert(1)</script> & "co"',
  externalId: 'x-1',
  avatarUrl: 'https://img.example.com/a.png?x=1&y=2',
};
const now = new Date('2026-01-10T12:00:00Z');
const link = {
  url: 'http://localhost:3000/reconnect?t=abc.def',
  expiresAt: new Date('2026-01-17T12:00:00Z'),
};

const specs: MessageSpec[] = [
  {
    kind: 'token_expiring',
    account,
    cause: 'not_refreshable',
    expiresAt: new Date('2026-01-13T12:00:00Z'),
  },
  { kind: 'refresh_failed', account, reason: 'permission_lost', missingScopes: ['tweet.write'] },
  { kind: 'disconnected', account, by: 'provider' },
  { kind: 'connect_failed', account, type: 'TWITTER', code: 'denied', missingScopes: [] },
  {
    kind: 'connect_failed',
    account: null,
    type: 'TWITTER',
    code: 'not-enough-permissions',
    missingScopes: ['a'],
  },
  { kind: 'reconnected', account },
  { kind: 'reminder', account, since: new Date('2026-01-09T12:00:00Z') },
  {
    kind: 'webhook_disabled',
    url: 'https://hooks.example.com/in',
    failingSince: new Date('2026-01-07T12:00:00Z'),
  },
];

describe('MessageRenderer', () => {
  const renderer = new MessageRenderer();

  it.each(LOCALES)('should render every kind in %s without a missing string', (locale) => {
    for (const spec of specs) {
      const m = renderer.render(spec, { name: 'Ann', locale }, link, now);
      expect(m.locale).toBe(locale);
      expect(m.html).toContain(`<html lang="${locale}"`);
      for (const text of [m.title, m.body, m.text]) {
        expect(text).not.toMatch(
          /\{\{|\}\}|common\.|token_expiring\.|refresh_failed\.|connect_failed\./,
        );
      }
    }
  });

  it('should name the platform and the account, say what happened, and link to the reconnect', () => {
    const m = renderer.render(specs[0], { name: 'Ann', locale: 'en' }, link, now);
    expect(m.subject).toBe(`Your X account ${account.displayName} will disconnect in 3 days`);
    expect(m.text).toContain('X does not let this connection renew itself');
    expect(m.text).toContain(`Reconnect ${account.displayName}: ${link.url}`);
    // Handlebars also escapes `=` (as &#x3D;): valid in attributes, decoded by every client
    const attr = (url: string) => url.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');
    expect(m.html).toContain(`href="${attr(link.url)}"`);
    expect(m.html).toContain(`src="${attr('https://img.example.com/a.png?x=1&y=2')}"`);
  });

  it('should escape everything in the HTML and nothing in the text', () => {
    const m = renderer.render(specs[1], { name: '<b>Ann</b>', locale: 'en' }, link, now);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Alice &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(m.html).toContain('Hi &lt;b&gt;Ann&lt;/b&gt;,');
    expect(m.text).toContain('Alice <script>alert(1)</script> & "co"');
  });

  it('should speak the reader’s language', () => {
    const fr = renderer.render(specs[0], { name: null, locale: 'fr' }, link, now);
    expect(fr.subject).toBe(`Votre compte X ${account.displayName} sera déconnecté dans 3 jours`);
    const ru = renderer.render(specs[1], { name: null, locale: 'ru' }, link, now);
    expect(ru.subject).toContain('нужно переподключить');
    const unknown = renderer.render(specs[1], { name: null, locale: 'xx' }, link, now);
    expect(unknown.locale).toBe('en');
  });

  it('should not offer a Reconnect button without a link', () => {
    const m = renderer.render(specs[5], { name: null, locale: 'de' }, null, now);
    expect(m.html).not.toContain('<a href');
    expect(m.subject).toBe(`Ihr X-Konto ${account.displayName} ist wieder verbunden`);
  });
});
