import { Browser, chromium, Page } from 'playwright-core';
import { responses } from './responseRecorder';

/** Debian's Chromium (`apt-get install chromium`); playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium quiet and offline apart from the app under test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium for a test run. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** Keeps the body of every response the page receives, for the leak check. */
export function recordResponses(page: Page) {
  page.on('response', response => {
    const request = response.request();
    responses.recordLater(
      {
        via: 'browser',
        method: request.method(),
        url: response.url(),
        status: response.status(),
      },
      () => response.body(),
    );
  });
}
