import { NatsContext } from '@nestjs/microservices';
import { headers } from 'nats';
import { callerOf } from './caller';

describe('callerOf', () => {
  const ctx = (value?: string) => {
    const h = headers();
    if (value !== undefined) h.set('x-switchboard-caller', value);
    return new NatsContext(['vault.token.get', h]);
  };

  it('should name the calling service from its header', () => {
    expect(callerOf(ctx('gateway'))).toBe('gateway');
    expect(callerOf(ctx('refresh-scheduler'))).toBe('refresh-scheduler');
  });

  it('should say unknown for a missing or malformed caller, never echo it', () => {
    expect(callerOf(ctx())).toBe('unknown');
    expect(callerOf(undefined)).toBe('unknown');
    expect(callerOf(ctx('Robert"); DROP TABLE'))).toBe('unknown');
  });
});
