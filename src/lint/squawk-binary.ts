/**
 * Where the squawk binary is: the platform package (`@squawk-cli/linux-x64`, …) that npm installed as an
 * optional dependency of `squawk-cli`. Resolved from node_modules only; nothing is downloaded at run time.
 */
import { createRequire } from 'node:module';

export type SquawkBinary = { kind: 'found'; path: string } | { kind: 'missing'; message: string };

const require = createRequire(import.meta.url);

interface SquawkCliModule {
  getBinaryPath(): string;
}

/** Ask squawk-cli's own launcher (it knows the platform → package map); never throws. */
export function locateSquawk(): SquawkBinary {
  try {
    const cli = require('squawk-cli/js/index.js') as SquawkCliModule;
    return { kind: 'found', path: cli.getBinaryPath() };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      kind: 'missing',
      message:
        `squawk binary not found for ${process.platform}-${process.arch}: ${why}. ` +
        `Run \`npm ci\` (optional dependencies enabled) so squawk-cli's platform package is installed.`,
    };
  }
}
