import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { notificationsNavModule } from './notificationsNav';

describe('the nav with notifications', () => {
  const apis = [
    [
      notificationsApiRef,
      { getStatus: async () => ({ unread: 3, read: 1 }) },
    ] as const,
  ] as const;

  it('discovery alone gives the notifications page a plain nav link, without the unread count', async () => {
    renderTestApp({ features: [notificationsPlugin], apis });
    const link = await screen.findByRole('link', { name: 'Notifications' });
    expect(link).toHaveAttribute('href', '/notifications');
    expect(screen.queryByText('3')).not.toBeInTheDocument();
  });

  it('shows the notifications item once, with the unread count', async () => {
    renderTestApp({
      features: [notificationsPlugin, notificationsNavModule],
      apis,
    });
    expect(await screen.findByText('3')).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: /Notifications/ });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', '/notifications');
  });
});
