/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** `--short`, `--duration=N` and LOAD_TESTS_SHORT=1 from the command line. */
export function runOptions(defaults: { durationS: number; shortS: number }) {
  const args = process.argv.slice(2);
  const short =
    args.includes('--short') || process.env.LOAD_TESTS_SHORT === '1';
  const given = args.find(a => a.startsWith('--duration='));
  let durationS = short ? defaults.shortS : defaults.durationS;
  if (given) durationS = Number(given.slice('--duration='.length));
  if (!Number.isFinite(durationS) || durationS <= 0) {
    throw new Error(`--duration must be a positive number of seconds`);
  }
  return { short, durationS };
}
