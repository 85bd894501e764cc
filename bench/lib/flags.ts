/** The few flags the benchmarks take: `--name`, `--name value` or `--name=value`. */
export function flag(argv: readonly string[], name: string): boolean {
  return argv.includes(`--${name}`);
}

export function numberFlag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} ${raw}: expected a number >= 0`);
  return n;
}

/** `--name 10000,100000` → [10000, 100000]. */
export function listFlag(argv: readonly string[], name: string): number[] | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : (argv[i + 1] ?? '');
  const xs = raw.split(',').map(Number);
  if (xs.length === 0 || xs.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--${name} ${raw}: expected positive integers separated by commas`);
  return xs;
}

/** `--name value` → value. */
export function stringFlag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
}
