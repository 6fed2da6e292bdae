import path from 'node:path';
import { launchChromium } from 'e2e-tests/src/browser';
import { Locator, Page } from 'playwright-core';
import { SEEDED_DATABASE } from './apiChecks';

const UI_TIMEOUT_MS = 90_000;

/**
 * Waits until `locator` shows, pressing the guest sign-in's "Enter" when
 * the sign-in page is in the way.
 */
async function waitForVisible(page: Page, locator: Locator) {
  const enter = page.getByRole('button', { name: /^enter$/i });
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await locator.first().isVisible()) return;
    if (await enter.isVisible()) await enter.click().catch(() => {});
    await page.waitForTimeout(500);
  }
  throw new Error(
    `Timed out after ${UI_TIMEOUT_MS / 1000} s waiting for ${locator}`,
  );
}

/**
 * In Chromium, as the guest: the seeded database's overview shows the
 * PostgreSQL card, its PostgreSQL tab shows the status, the Create page
 * offers the shipped templates, and the create form's name field shows the
 * derived role names, with no React error on the way.
 */
export async function checkInBrowser(options: {
  appUrl: string;
  screenshotsDir: string;
  log(line: string): void;
}): Promise<string> {
  const { appUrl, screenshotsDir, log } = options;
  const browser = await launchChromium();
  const renderErrors: string[] = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.on('pageerror', error => renderErrors.push(error.message));
    page.on('console', message => {
      const text = message.text();
      // React's development warnings (deprecated APIs) are not failures.
      if (message.type() === 'error' && !text.startsWith('Warning:')) {
        log(`console error: ${text.slice(0, 500)}`);
      }
      // React names the component that threw while rendering.
      if (/The above error occurred in/.test(text)) {
        renderErrors.push(text.split('\n')[0]);
      }
    });
    const shot = (name: string) =>
      page.screenshot({
        path: path.join(screenshotsDir, `${name}.png`),
        fullPage: true,
      });
    const entityUrl = `${appUrl}/catalog/default/resource/${SEEDED_DATABASE.entity}`;
    const ref = `${SEEDED_DATABASE.namespace}/${SEEDED_DATABASE.name}`;

    try {
      await page.goto(entityUrl);
      // The card lists the database with its verdict.
      await waitForVisible(page, page.getByText(`${ref}:`));
      await shot('entity-card');

      await page.goto(`${entityUrl}/postgresql`);
      // Every check passed: Kubernetes, Secrets Manager (credentials from
      // the aws config) and PostgreSQL are reached as the README set them up.
      await waitForVisible(
        page,
        page.getByText('Healthy: every check passed.'),
      );
      await page.waitForLoadState('networkidle').catch(() => {});
      await shot('entity-tab');

      await page.goto(`${appUrl}/create`);
      await waitForVisible(page, page.getByText('Create PostgreSQL database'));
      await shot('create-page');

      // The plugin's name field, discovered with the package: scaffolder's
      // own fields would show the two inputs but not the derived role names.
      await page.goto(
        `${appUrl}/create/templates/default/create-postgres-database`,
      );
      await waitForVisible(page, page.getByLabel('Namespace'));
      await page.getByLabel('Namespace').fill('demo-dev');
      await page.getByLabel('Database name').fill('ledger');
      await waitForVisible(page, page.getByText(/demo-dev-ledger-admin/));
      await shot('create-form');
    } catch (error) {
      await shot('failed').catch(() => {});
      throw error;
    }

    if (renderErrors.length > 0) {
      throw new Error(
        `The pages rendered with errors (screenshots in ${screenshotsDir}):\n${renderErrors.join(
          '\n',
        )}`,
      );
    }
    return `card and tab of ${SEEDED_DATABASE.entity} (healthy: every check passed), templates on /create, the name field's derived role names`;
  } finally {
    await browser.close();
  }
}
