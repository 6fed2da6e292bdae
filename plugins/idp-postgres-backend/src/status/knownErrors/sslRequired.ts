import type { KnownErrorDetector } from './KnownErrorDetector';

/** Logins refused because they were not encrypted (the manual's pg_hba error). */
export const sslRequired: KnownErrorDetector = {
  id: 'ssl-required-no-pg-hba-entry',
  detect(_facts, status) {
    const refused = status.roles
      .filter(r => r.login.failure === 'ssl-required')
      .map(r => r.role);
    if (refused.length === 0) return undefined;
    return {
      detail: `Logins of ${refused.join(', ')} were refused without SSL.`,
    };
  },
  // The plugin always connects with TLS, so this is its own connection
  // settings or the server's, not something the database's owner can fix.
  headline(found) {
    return {
      sentence: `Logins refused for want of SSL: ${found.detail}`,
      next: { kind: 'ask-platform-team', label: 'Ask the platform team' },
    };
  },
};
