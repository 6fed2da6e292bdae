import type { InventoryState } from '../inventory/InventoryStore';

/**
 * Why a check that needs the inventory could not be made: it has never been
 * refreshed (just after start-up, or every refresh failed so far).
 */
export function inventoryUnavailable(
  state: InventoryState | undefined,
  what: string,
): string {
  const failure = state?.lastFailure
    ? ` Its last refresh failed: ${state.lastFailure.reason}`
    : '';
  return `The platform inventory has not been read yet, so ${what} could not be checked; try again in a minute.${failure}`;
}
