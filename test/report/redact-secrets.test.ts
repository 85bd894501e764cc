import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/report/redact-secrets.ts';

describe('redactSecrets', () => {
  it.each([
    ['postgres://u:s3cret@h/db', 'postgres://u:***@h/db'],
    ['postgresql://user:s3cret@host:5432/db?sslmode=require', 'postgresql://user:***@host:5432/db?sslmode=require'],
    ['POSTGRES://u:s3cret@h', 'POSTGRES://u:***@h'],
    ['--pg "postgres://u:p@ss:w0rd@h/db"', '--pg "postgres://u:***@h/db"'],
    ['a postgres://u:x@h/a and postgres://v:y@k/b', 'a postgres://u:***@h/a and postgres://v:***@k/b'],
    ['host=h password=s3cret user=u', 'host=h password=*** user=u'],
    ["password='two words'", 'password=***'],
    ['PGPASSWORD=s3cret npx habit-verify', 'PGPASSWORD=*** npx habit-verify'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves URLs without a password and other text alone', () => {
    for (const s of ['postgres://u@h/db', 'postgres://h:5432/db', 'mail me@example.com', 'habits[0].times[3]']) expect(redactSecrets(s)).toBe(s);
  });

  it('keeps JSON valid', () => {
    const json = JSON.stringify({ a: 'postgres://u:s3"c,r@et@h/db', b: ['x@y'] }, null, 2);
    const out = redactSecrets(json);
    expect(out).not.toContain('s3');
    expect(JSON.parse(out)).toEqual({ a: 'postgres://u:***@h/db', b: ['x@y'] });
  });
});
