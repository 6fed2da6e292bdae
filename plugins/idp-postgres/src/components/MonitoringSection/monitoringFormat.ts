const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** A size as PostgreSQL's pg_size_pretty writes it (1 kB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** An age in the two largest units that matter: "45 s", "12 min 5 s", "3 h 20 min", "2 d 4 h". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** A timestamp for people, or "never" for none. */
export function formatTime(iso?: string): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * From how long idle in a transaction a session deserves a hint. A
 * transaction an app runs takes milliseconds; minutes mean a missing
 * commit or rollback, or a pooled connection leaked mid-transaction, which
 * holds locks and keeps vacuum from cleaning up.
 */
export const LONG_IDLE_IN_TRANSACTION_SECONDS = 5 * 60;

/** From what share of the limit the connections deserve a hint. */
export const BUSY_CONNECTIONS_SHARE = 0.8;
