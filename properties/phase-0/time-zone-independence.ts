import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff, type Fingerprint } from '../../src/check/fingerprint.ts';
import { roundTripDiffs } from '../../src/check/round-trip.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';

/** UTC, the two extremes of the date line, and a zone with DST. */
export const TIME_ZONES = ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'Pacific/Kiritimati'] as const;

/**
 * The same dataset migrated with the Node process and the Postgres session in each time zone gives
 * identical tables and a clean round trip in each (killed by record-date-session-tz).
 */
export const timeZoneIndependence: PropertyDef<LegacyDataset> = {
  name: 'phase-0/time-zone-independence',
  tags: ['phase-0'],
  description: 'With Node and the Postgres session in UTC, Asia/Seoul, America/Los_Angeles and Pacific/Kiritimati, the backfill gives identical tables.',
  defaultRuns: 10,
  arbitrary: () => legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 8 }),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const savedTz = process.env.TZ;
    const prints: Array<[string, Fingerprint]> = [];
    const roundTrip: Array<{ tz: string; diffs: unknown[] }> = [];
    try {
      for (const tz of TIME_ZONES) {
        await resetDatabase(ctx.client);
        process.env.TZ = tz; // Node re-reads TZ when it changes
        await ctx.client.query(`SET TimeZone = '${tz}'`);
        const { expected, view } = await migrate(ctx, dataset);
        const diffs = roundTripDiffs(expected, view);
        if (diffs.length > 0) roundTrip.push({ tz, diffs });
        prints.push([tz, await fingerprint(ctx.client, ctx.impl.observe.contentQueries)]);
      }
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
      await ctx.client.query('RESET TimeZone');
    }
    const [[, reference]] = prints as [[string, Fingerprint]];
    const differing = prints.slice(1).map(([tz, fp]) => ({ tz, tables: fingerprintDiff(reference, fp) })).filter((d) => d.tables.length > 0);
    if (differing.length > 0 || roundTrip.length > 0) {
      throw new PropertyFailure(
        `the result depends on the time zone: ${[...differing.map((d) => `${d.tz} differs from UTC in ${d.tables.join(', ')}`), ...roundTrip.map((r) => `round trip fails in ${r.tz}`)].join('; ')}`,
        { differing, roundTrip },
      );
    }
  },
};
