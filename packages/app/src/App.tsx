import { createApp } from '@backstage/frontend-defaults';
import { guestSignInModule } from './modules/guestSignIn';
import { notificationsNavModule } from './modules/notificationsNav';

/**
 * The dev app. The catalog, scaffolder, org, notifications, signals and IDP
 * PostgreSQL plugins come from feature discovery (`app.packages: all` in
 * app-config.yaml): every frontend plugin this package depends on is
 * installed. The modules here only sign guests in and put the notifications
 * item with its unread count into the nav.
 */
export const app = createApp({
  features: [guestSignInModule, notificationsNavModule],
});
