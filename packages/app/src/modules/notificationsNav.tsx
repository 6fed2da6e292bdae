import { Sidebar, SidebarItem } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  NavContentBlueprint,
  NavContentComponentProps,
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

/** The extension id of the notifications plugin's page. */
const NOTIFICATIONS_PAGE = 'page:notifications';

/**
 * The discovered nav items, as the app's default nav renders them, with one
 * change: the notifications page gets the plugin's own sidebar item instead
 * of a plain link. Discovery derives only the link from the page
 * (plugin-notifications 0.6.0 leaves its item to be installed by hand), and
 * the item is what shows the unread count and, over signals, a snackbar as
 * a notification arrives, such as idp-postgres's "database is ready".
 */
export function NavWithNotifications({ navItems }: NavContentComponentProps) {
  // Taken first, so rest() leaves it out; absent when the page is disabled.
  const notifications = navItems.take(NOTIFICATIONS_PAGE);
  return (
    <Sidebar>
      {navItems.rest().map(item => (
        <SidebarItem
          key={item.node.spec.id}
          to={item.href}
          icon={() => item.icon}
          text={item.title}
        />
      ))}
      {notifications && <NotificationsSidebarItem text={notifications.title} />}
    </Sidebar>
  );
}

/** Installs {@link NavWithNotifications} as the app's nav. */
export const notificationsNavModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    NavContentBlueprint.make({
      params: { component: NavWithNotifications },
    }),
  ],
});
