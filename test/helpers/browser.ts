// A real browser for the console tests: Debian's chromium driven by playwright-core, headless,
// with a fresh profile (playwright makes a temporary --user-data-dir for every launch) and no
// network use of its own (updates, sync, QUIC off).

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Where tests save screenshots (gitignored): look at them after a run. */
export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export interface TestBrowser {
  browser: Browser;
  /** A new context (its own storage) with a page of this size. */
  page(viewport?: { width: number; height: number }, options?: ContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export interface ContextOptions {
  /**
   * Collects page errors, console errors (a CSP violation is one) and failed loads of the
   * page's own files. The API's 4xx answers are expected (the console shows them) and are
   * not collected; Chrome's console line for them is skipped.
   */
  errors?: string[];
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)`,
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async page(viewport = { width: 1280, height: 800 }, options = {}) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      // A step that never happens fails on its own, naming the locator it waited for, well
      // before the test's timeout (which would name nothing).
      page.setDefaultTimeout(25_000);
      if (options.errors) {
        const errors = options.errors;
        page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
            errors.push(`console: ${msg.text()}`);
        });
        page.on('response', (res) => {
          const path = new URL(res.url()).pathname;
          const api = path.startsWith('/kapacitor/') || path.startsWith('/condenser/');
          if (res.status() >= 400 && !api) errors.push(`${res.status()} ${path}`);
        });
        page.on('requestfailed', (req) => {
          const path = new URL(req.url()).pathname;
          // Streams are cut when a page navigates away; anything else failing is a problem.
          if (!path.endsWith('/alerts/stream'))
            errors.push(`failed: ${path} ${req.failure()?.errorText}`);
        });
      }
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Save a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
