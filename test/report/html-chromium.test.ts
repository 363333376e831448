import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleReportRequest } from '../../lib/report/router';
import { type ReportServer, startReportServer } from '../../lib/report/server';
import { silentLogger } from '../../lib/runtime/logger';
import { REPORT_TOKEN, XSS_NAME } from './fixtures';
import { harness } from './router-harness';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The few browser globals the page functions read (the project compiles without the DOM library). */
interface BrowserElement {
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { top: number };
}
interface BrowserGlobals {
  innerWidth: number;
  document: {
    documentElement: BrowserElement;
    body: BrowserElement;
    querySelector(selector: string): BrowserElement | null;
    querySelectorAll(selector: string): { length: number };
  };
}

describe('the HTML report in headless Chromium', () => {
  let server: ReportServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    const { deps } = harness();
    server = await startReportServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      handle: (request) => handleReportRequest(request, deps),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 20_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { authorization: `Bearer ${REPORT_TOKEN}` },
    });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (LOOPBACK.has(url.host.replace(/:\d+$/, ''))) return route.continue();
      problems.push(`request to a non-loopback host: ${url.href}`);
      return route.abort();
    });
  }, 40_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  }, 20_000);

  async function openReport(): Promise<Page> {
    if (!context || !server) throw new Error('the browser did not start');
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(server.url, { waitUntil: 'load', timeout: 15_000 });
    expect(response?.status()).toBe(200);
    return page;
  }

  /** Visible row names, in table order (one round trip). */
  const rowNames = (page: Page) =>
    page.$$eval('#deployments-table tbody tr:not([hidden]) td.name > :first-child', (cells) =>
      cells.map((cell) => cell.textContent ?? ''),
    );

  const sortBy = (page: Page, title: string) =>
    page.locator('#deployments-table thead th', { hasText: title }).locator('button').click();

  const sortState = (page: Page) =>
    page.$$eval('#deployments-table thead th[aria-sort]', (ths) =>
      ths.map((th) => `${th.textContent?.trim()}:${th.getAttribute('aria-sort')}`),
    );

  it('has Chromium where the CI requires it', () => {
    if (!hasChromium) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing; the CI must run the browser test`);
      console.warn(`${CHROMIUM} not found: the headless Chromium report test is skipped`);
      return;
    }
    expect(existsSync(CHROMIUM)).toBe(true);
  });

  it.runIf(hasChromium)(
    'shows the headline, firing alerts first, the table and the charts; sorts, filters, fits a phone',
    async () => {
      const page = await openReport();

      const seen = await page.evaluate(() => {
        const { document } = globalThis as unknown as BrowserGlobals;
        const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? -1;
        return {
          headline: document.querySelector('#headline')?.textContent,
          firstAlert: document.querySelector('#firing-alerts > li')?.textContent?.replace(/\s+/g, ' ').trim(),
          alertsAboveTable: top('#alerts') >= 0 && top('#alerts') < top('#deployments-table'),
          rows: document.querySelectorAll('#deployments-table tbody tr').length,
          healthBars: document.querySelectorAll('#health-chart svg.hbar').length,
          failingSegments: document.querySelectorAll('#health-chart svg.hbar rect.h-failing').length,
          historyLines: document.querySelectorAll('figure.history-chart svg polyline.run-line').length,
          scriptElements: document.querySelectorAll('script').length,
        };
      });
      expect(seen).toEqual({
        headline: '3 alerts firing · 1 watch blind',
        firstAlert: expect.stringMatching(
          /^critical job-failed orders-etl · payments since 2030-01-01 09:48 UTC\+08:00/,
        ),
        alertsAboveTable: true,
        rows: 8,
        healthBars: 3,
        failingSegments: 1,
        historyLines: 3,
        scriptElements: 1,
      });
      const names = await rowNames(page);
      expect(names[0]).toBe('orders-etl');
      expect(names).toContain(XSS_NAME);

      // Sort by name, then reverse it, then by the numeric "Failed" column.
      await sortBy(page, 'Deployment');
      const ascending = await rowNames(page);
      expect(ascending).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
      expect(await sortState(page)).toEqual(['Deployment:ascending']);
      await sortBy(page, 'Deployment');
      expect(await rowNames(page)).toEqual([...ascending].reverse());
      expect(await sortState(page)).toEqual(['Deployment:descending']);
      await sortBy(page, 'Failed');
      const failed = await page.$$eval('#deployments-table tbody tr td:nth-child(10)', (cells) =>
        cells.map((cell) => cell.textContent),
      );
      expect(failed.slice(-3)).toEqual(['1', '2', '7']);

      // Filter by free text: every word must match.
      await page.locator('#filter').fill('nightly');
      expect((await rowNames(page)).sort()).toEqual(['nightly-compaction', 'nightly-report']);
      await expect(page.locator('#shown').textContent()).resolves.toBe('2 of 8 shown');
      await page.locator('#filter').fill('payments degraded');
      expect((await rowNames(page)).sort()).toEqual([XSS_NAME, 'refunds-sink']);
      await page.locator('#filter').fill('zzz-nothing');
      expect(await rowNames(page)).toEqual([]);
      expect(await page.locator('#no-match').isVisible()).toBe(true);
      await page.locator('#filter').fill('');
      expect(await rowNames(page)).toHaveLength(8);

      // Back to the opening order (worst first) for the screenshot.
      await sortBy(page, 'Health');
      expect((await rowNames(page))[0]).toBe('orders-etl');
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });

      // A phone: the page itself never scrolls sideways; the table scrolls inside its box.
      await page.setViewportSize({ width: 390, height: 844 });
      const widths = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as BrowserGlobals;
        return {
          viewport: innerWidth,
          document: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
          table: document.querySelector('.table-scroll')?.scrollWidth ?? 0,
          tableBox: document.querySelector('.table-scroll')?.clientWidth ?? 0,
        };
      });
      expect(widths.document).toBeLessThanOrEqual(widths.viewport);
      expect(widths.body).toBeLessThanOrEqual(widths.viewport);
      expect(widths.table).toBeGreaterThan(widths.tableBox);
      await page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });

      // Printing hides the controls.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.controls').isVisible()).toBe(false);

      await page.close();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    },
    45_000,
  );
});
