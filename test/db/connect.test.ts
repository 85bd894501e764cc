import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect, redactUri } from '../../src/db/connect.ts';
import type { StartedPostgres, TestDatabase } from '../../src/db/types.ts';
import { runFixture } from './support.ts';

describe('connect', () => {
  let pg: StartedPostgres;
  let db: TestDatabase;
  beforeAll(async () => {
    pg = await attachPostgres(inject('pgAdminUri'));
    db = await pg.createDatabase('connect');
  });
  afterAll(() => pg?.close());

  it('returns date, timestamp, timestamptz and int8 as the server wrote them, and names itself', async () => {
    const client = await connect(db.uri);
    try {
      const { rows } = await client.query(
        `SELECT DATE '2025-10-13' AS d, TIMESTAMP '2025-10-13 00:30:00' AS ts, 9007199254740993::int8 AS big,
                current_setting('application_name') AS app`,
      );
      expect(rows[0]).toEqual({ d: '2025-10-13', ts: '2025-10-13 00:30:00', big: '9007199254740993', app: 'habit-verify' });
    } finally {
      await client.end();
    }
  });

  it('gives identical values whatever the client TZ (Asia/Seoul vs UTC)', async () => {
    const run = async (tz: string) => {
      const f = runFixture('print-dates', [db.uri], { TZ: tz });
      const line = await f.firstLine;
      await f.exited;
      return JSON.parse(line) as { tz: string; row: Record<string, unknown> };
    };
    const [seoul, utc] = await Promise.all([run('Asia/Seoul'), run('UTC')]);
    expect(seoul.tz).toBe('Asia/Seoul');
    expect(utc.tz).toBe('UTC');
    expect(seoul.row).toEqual(utc.row);
    expect(seoul.row).toMatchObject({ d: '2025-10-13', ts: '2025-10-13 00:30:00', big: '9007199254740993', ds: ['2025-10-13', '2025-12-31'] });
  });

  it('redactUri hides the password, also in strings URL cannot parse', () => {
    expect(redactUri('postgres://hv:s3cret@db.example:6543/app')).toBe('postgres://hv:***@db.example:6543/app');
    expect(redactUri('postgres://hv@db.example/app')).toBe('postgres://hv@db.example/app');
    expect(redactUri('postgres://hv:s3cr et@[bad/app')).not.toContain('s3cr');
    expect(redactUri('host=x user=hv password=s3cret dbname=app')).toBe('host=x user=hv password=*** dbname=app');
  });
});
