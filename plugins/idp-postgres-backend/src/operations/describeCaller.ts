import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who called an action, for audit events. An action has no request, so the
 * auditor would name the plugin itself as the actor; the caller goes into
 * the event's metadata instead.
 */
export function describeCaller(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef ?? 'user';
  if (principal.type === 'service') return principal.subject ?? 'service';
  return principal.type;
}
