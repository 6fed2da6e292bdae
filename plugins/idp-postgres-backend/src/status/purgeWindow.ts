const DAY_MS = 24 * 60 * 60 * 1000;
// DescribeSecret's DeletedDate is when DeleteSecret ran (the sandbox's
// emulator answers alike), and AWS does not report the recovery window the
// caller chose. The purge date is DeletedDate + that window, so all we know
// is the range AWS allows: 7 days at least, 30 (also the default) at most.
const MIN_RECOVERY_DAYS = 7;
const MAX_RECOVERY_DAYS = 30;

/** When a secret deleted at `deletedDate` is purged at the earliest and the latest. */
export interface PurgeWindow {
  earliest: string;
  latest: string;
}

/** The purge window of a deletion, or undefined for a date that does not parse. */
export function purgeWindowOf(deletedDate: string): PurgeWindow | undefined {
  const deleted = Date.parse(deletedDate);
  if (Number.isNaN(deleted)) return undefined;
  const after = (days: number) =>
    new Date(deleted + days * DAY_MS).toISOString();
  return {
    earliest: after(MIN_RECOVERY_DAYS),
    latest: after(MAX_RECOVERY_DAYS),
  };
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const day = (iso: string) => iso.slice(0, 10);

/** When a secret was deleted and when it is purged, as far as AWS tells, in a sentence. */
export function deletionSentence(
  secretId: string,
  deletedDate: string,
): string {
  const window = purgeWindowOf(deletedDate);
  if (!window) {
    return `${secretId} was deleted on ${deletedDate} and will be purged when its recovery window of 7 to 30 days ends.`;
  }
  return `${secretId} was deleted on ${minute(
    new Date(deletedDate).toISOString(),
  )} and will be purged between ${day(window.earliest)} and ${day(
    window.latest,
  )}: its recovery window is 7 to 30 days (30 unless chosen otherwise), and AWS does not tell which.`;
}
