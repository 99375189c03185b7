import { describeError, errorCause, errorCode } from './describe-error';

describe('describeError', () => {
  it('uses the message, else the code, else the name', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError(Object.assign(new Error(''), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED',
    );
    expect(describeError(new TypeError(''))).toBe('TypeError');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(undefined)).toBe('undefined');
  });

  it('joins the distinct inner errors of an AggregateError', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    expect(
      describeError(new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')], '')),
    ).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('reads code and cause structurally', () => {
    const inner = { code: '3D000' };
    expect(errorCode(inner)).toBe('3D000');
    expect(errorCode({ code: 42 })).toBeUndefined();
    expect(errorCause(new Error('outer', { cause: inner }))).toBe(inner);
    expect(errorCause('x')).toBeUndefined();
  });
});
