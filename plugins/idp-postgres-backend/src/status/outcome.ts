/**
 * What one call to an external system gave: its value, or why there is
 * none. Collecting outcomes instead of throwing lets one failing system
 * degrade only its own checks.
 */
export type Outcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: string;
      /** Not attempted because another check already failed; not counted twice. */
      skipped?: boolean;
    };

/**
 * Waits for `work` and never rejects. The reason is the error's message: the
 * gateways word their errors without secret values, so it may be shown.
 */
export async function outcomeOf<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    const message =
      error instanceof Error ? error.message : String(error ?? 'unknown error');
    return { ok: false, reason: message };
  }
}

/** A check not attempted because another one failed, e.g. no credentials. */
export function skippedOutcome<T>(reason: string): Outcome<T> {
  return { ok: false, reason, skipped: true };
}
