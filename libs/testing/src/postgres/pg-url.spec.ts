import { databaseOf, quoteIdent, redactUrl, withDatabase } from './pg-url';
import { databaseName } from './test-postgres';

describe('postgres URL helpers', () => {
  it('swaps the database, keeping credentials and query', () => {
    expect(withDatabase('postgres://u:p%40ss@h:5432/postgres?sslmode=disable', 'sbt_x')).toBe(
      'postgres://u:p%40ss@h:5432/sbt_x?sslmode=disable',
    );
    expect(databaseOf('postgres://u@h/app')).toBe('app');
    expect(databaseOf('postgres://u@h')).toBe('postgres');
  });

  it('redacts passwords', () => {
    expect(redactUrl('postgres://u:secret@h:1/db')).toBe('postgres://u:***@h:1/db');
    expect(redactUrl('postgres://u@h:1/db')).toBe('postgres://u@h:1/db');
    expect(redactUrl('not a url')).toBe('<unparseable URL>');
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('names test databases sbt_<prefix>_<random> within 63 bytes', () => {
    expect(databaseName('Gateway-Keys')).toMatch(/^sbt_gateway_keys_[0-9a-f]{12}$/);
    expect(databaseName('x'.repeat(100)).length).toBeLessThanOrEqual(63);
    expect(databaseName('')).toMatch(/^sbt_db_/);
  });
});
