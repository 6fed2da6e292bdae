import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { idpPostgresPolicyDecision } from '../access/policyDecision';

/**
 * The permission backend as Backstage runs it, with the policy helper this
 * package ships as its policy: a service principal is allowed everything
 * (Backstage does not ask the policy for services), a user gets the
 * policy's decision made with their ownership claims.
 */
export function policyPermissions(options: {
  /** Ownership claims per user entity ref; a user not listed has only their own ref. */
  claims: Record<string, string[]>;
  platformAdmins?: string[];
}): Partial<PermissionsService> {
  const decide = (
    requests: Array<{ permission: never }>,
    credentials: BackstageCredentials,
  ) => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    return requests.map(request => {
      if (principal.type === 'service')
        return { result: AuthorizeResult.ALLOW };
      const user = principal.userEntityRef ?? '';
      return (
        idpPostgresPolicyDecision(request, {
          claims: options.claims[user] ?? [user],
          platformAdmins: options.platformAdmins,
        }) ?? { result: AuthorizeResult.ALLOW }
      );
    });
  };
  return {
    authorizeConditional: async (requests, { credentials }) =>
      decide(requests as never, credentials) as never,
  };
}
