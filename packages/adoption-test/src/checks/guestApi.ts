/** The adopted app's backend as its guest user reaches it. */
export class GuestApi {
  private constructor(
    readonly backendUrl: string,
    private readonly token: string,
    /** The guest's own ref and groups, as the sign-in resolved them. */
    readonly ownershipEntityRefs: string[],
  ) {}

  /** Signs in as the guest, as the app's "Enter" button does in development. */
  static async signIn(backendUrl: string): Promise<GuestApi> {
    const res = await fetch(
      `${backendUrl}/api/auth/guest/refresh?optional&env=development`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    if (!res.ok) {
      throw new Error(
        `Guest sign-in failed: ${res.status} ${await res.text()}`,
      );
    }
    const body = (await res.json()) as {
      backstageIdentity: {
        token: string;
        identity: { ownershipEntityRefs: string[] };
      };
    };
    return new GuestApi(
      backendUrl,
      body.backstageIdentity.token,
      body.backstageIdentity.identity.ownershipEntityRefs,
    );
  }

  /** A request to `/api/<path>`, the status left to the caller. */
  fetch(path: string, init: { method?: string; body?: unknown } = {}) {
    return fetch(`${this.backendUrl}/api/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(init.body !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  }

  /** A JSON request to `/api/<path>`; throws with the body on an error status. */
  async request<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const res = await this.fetch(path, init);
    const text = await res.text();
    if (!res.ok) {
      throw new Error(
        `${init.method ?? 'GET'} /api/${path}: ${res.status} ${text.slice(
          0,
          2000,
        )}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Calls `fn` every 2 s until it returns a value, or throws after `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${
          last ? `; last error: ${(last as Error).message}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}
