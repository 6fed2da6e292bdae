import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ForwardedError, ResponseError } from '@backstage/errors';
import type { Inventory } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { z } from 'zod';
import { parseInventory } from './inventorySchema';

/** The backend plugin that keeps the platform inventory. */
export const IDP_POSTGRES_PLUGIN_ID = 'idp-postgres';

/**
 * Reads the platform inventory from the idp-postgres backend plugin over HTTP,
 * as one plugin asks another: the catalog module never imports the backend
 * plugin's code, so the two can be deployed and versioned apart.
 *
 * @public
 */
export class InventoryClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  /**
   * The current inventory. Throws a `ForwardedError` when the backend cannot
   * be reached, answers with an error (503 while it has no inventory yet; the
   * error keeps the name the backend gave it) or answers with something that
   * is not an inventory.
   */
  async fetchInventory(signal?: AbortSignal): Promise<Inventory> {
    const url = `${await this.#discovery.getBaseUrl(
      IDP_POSTGRES_PLUGIN_ID,
    )}/inventory`;
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: IDP_POSTGRES_PLUGIN_ID,
    });

    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
        signal,
      });
    } catch (error) {
      throw new ForwardedError(`Could not reach ${url}`, error);
    }
    if (!response.ok) {
      // The backend's error body (e.g. ServiceUnavailableError "no inventory
      // yet") says more than the status line, so it becomes the cause.
      const error = await ResponseError.fromResponse(response);
      throw new ForwardedError(
        `${url} answered ${response.status} ${response.statusText}`,
        error.cause,
      );
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ForwardedError(
        `${url} answered with a body that is not JSON`,
        error,
      );
    }
    try {
      return parseInventory(body);
    } catch (error) {
      // One line per log entry: the issues joined, each with its path.
      const reason =
        error instanceof z.ZodError
          ? error.issues
              .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
              .join('; ')
          : error;
      throw new ForwardedError(
        `${url} answered with a body that is not an inventory`,
        reason,
      );
    }
  }
}
