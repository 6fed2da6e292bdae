import { createApp } from '@backstage/frontend-defaults';
import { guestSignInModule } from './modules/guestSignIn';

/**
 * The dev app. The catalog, scaffolder, org and IDP PostgreSQL plugins come
 * from feature discovery (`app.packages: all` in app-config.yaml): every
 * frontend plugin this package depends on is installed.
 */
export const app = createApp({
  features: [guestSignInModule],
});
