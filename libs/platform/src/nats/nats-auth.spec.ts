import { natsAuthFromEnv, natsAuthOptions } from './nats-auth';

describe('NATS credentials', () => {
  it('should connect without credentials when none are configured', () => {
    expect(natsAuthFromEnv({})).toBeUndefined();
    expect(natsAuthOptions(undefined)).toEqual({});
  });

  it('should use the service user and scope its reply inboxes to it', () => {
    const auth = natsAuthFromEnv({ NATS_USER: 'gateway', NATS_PASSWORD: 'pw' });
    expect(natsAuthOptions(auth)).toEqual({
      user: 'gateway',
      pass: 'pw',
      inboxPrefix: '_INBOX.gateway',
    });
  });

  it('should refuse a user without a password and the reverse, without echoing either', () => {
    expect(() => natsAuthFromEnv({ NATS_USER: 'gateway' })).toThrow(
      'NATS_USER and NATS_PASSWORD must be set together',
    );
    expect(() => natsAuthFromEnv({ NATS_PASSWORD: 'secret-value' })).toThrow(
      /^((?!secret-value).)*$/,
    );
  });
});
