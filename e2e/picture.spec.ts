import { expect, request as apiRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, en, login, switchLanguage } from './helpers.ts';

const BASE = `http://127.0.0.1:${process.env.SARHAD_E2E_PORT ?? 8787}`;

/** An API client signed in as `username` (cookie + CSRF token), like the browser. */
async function as(username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await apiRequest.newContext({ baseURL: BASE });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return { api, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Report (submitted) as tj.reporter, validate and publish as tj.validator. */
async function publishedEvents(points: { lat: number; lon: number }[], tag: string): Promise<string[]> {
  const reporter = await as('tj.reporter');
  const validator = await as('tj.validator');
  const ids: string[] = [];
  for (const [i, p] of points.entries()) {
    const created = await reporter.api.post('/api/events', {
      headers: { 'x-csrf-token': reporter.csrf },
      data: {
        category: i % 3 === 0 ? 'smuggling_narcotics' : i % 3 === 1 ? 'illegal_crossing' : 'flood',
        severity: 'medium',
        occurredAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        location: p,
        narrative: { text: `${tag} ${i}`, lang: 'en' },
        grading: { reliability: 'B', credibility: 2 },
        submit: true,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const e = (await created.json()) as { id: string; properties: { version: number } };
    let version = e.properties.version;
    for (const step of ['validate', 'publish']) {
      const r = await validator.api.post(`/api/events/${e.id}/${step}`, { headers: { 'x-csrf-token': validator.csrf, 'if-match': `"${version}"` }, data: {} });
      expect(r.status(), await r.text()).toBe(200);
      version = ((await r.json()) as { properties: { version: number } }).properties.version;
    }
    ids.push(e.id);
  }
  await reporter.api.dispose();
  await validator.api.dispose();
  return ids;
}

/** The numbers on the markers add up to the count of located events in view. */
async function expectTotalsMatch(page: Page): Promise<number> {
  // read both in one go, once the map has settled (this machine is slow: poll until they agree or fail)
  const read = () =>
    page.evaluate(() => ({
      inView: Number(document.querySelector('[data-testid="events-in-view"]')?.getAttribute('data-count')),
      total: [...document.querySelectorAll('.event-marker')].reduce((s, e) => s + Number(e.getAttribute('data-count')), 0),
    }));
  await expect.poll(async () => {
    const r = await read();
    return r.total === r.inView;
  }, { timeout: 15_000 }).toBe(true);
  return (await read()).inView;
}

test('the picture: clustered events add up to the events in view, at every zoom; table, timeline, details', async ({ page }) => {
  test.setTimeout(180_000);
  // 12 events on Panji Poyon (one spot), 6 around Khorog
  const points = [
    ...Array.from({ length: 12 }, () => ({ lat: 37.21, lon: 68.6 })),
    ...Array.from({ length: 6 }, (_, i) => ({ lat: 37.49 + i * 0.01, lon: 71.53 + i * 0.01 })),
  ];
  await publishedEvents(points, 'cluster-check');

  await login(page, 'tj.analyst');
  await switchLanguage(page, 'en');
  await page.getByTestId('nav-events').click();
  await expect(page.getByTestId('events-page')).toBeVisible();
  await expect.poll(() => page.getByTestId('events-loaded').getAttribute('data-count').then(Number)).toBeGreaterThanOrEqual(18);
  const inView = await expectTotalsMatch(page);
  expect(inView).toBeGreaterThanOrEqual(18);
  await expect(page.locator('.event-cluster .event-bubble').first()).toBeVisible();

  // zoom in on a cluster (keyboard: Enter), the totals still match
  const cluster = page.locator('.event-cluster').first();
  await cluster.focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await expectTotalsMatch(page);
  for (let i = 0; i < 3; i++) {
    await page.locator('.leaflet-control-zoom-out').click();
    await page.waitForTimeout(500);
    await expectTotalsMatch(page);
  }
  await page.locator('.leaflet-control-zoom-in').click();
  await page.waitForTimeout(600);
  await expectTotalsMatch(page);

  // the table lists the events in view; a row opens the details with the history
  const rows = page.locator('[data-testid="event-table"] tbody tr');
  expect(await rows.count()).toBe(Number(await page.getByTestId('events-in-view').getAttribute('data-count')));
  await rows.first().locator('button').click();
  const detail = page.getByTestId('event-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('event-status')).toHaveText(en.picture.status.published);
  await detail.getByTestId('event-history').locator('summary').click();
  await expect(detail.getByTestId('event-history').locator('li')).toHaveCount(3);
  // an analyst has no workflow buttons on a published event of the border guard's agency
  await expect(detail.getByTestId('workflow-publish')).toHaveCount(0);

  // filters: only floods
  await page.locator('input[name="category"][value="flood"]').check();
  await expect.poll(async () => (await page.locator('[data-testid="event-table"] tbody tr').allTextContents()).every((r) => r.includes(en.picture.category.flood))).toBe(true);
  await expectTotalsMatch(page);
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('event-timeline')).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/picture-en.png' });
});

test('a report written with the network cut is kept, sent once when the link returns, published by a validator and seen live elsewhere', async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = `offline-report-${Date.now()}`;
  const post = await browser.newContext();
  const reporterPage = await post.newPage();
  await login(reporterPage, 'tj.reporter');
  await switchLanguage(reporterPage, 'en');
  await reporterPage.goto('/#/events');
  await expect(reporterPage.getByTestId('events-page')).toBeVisible();
  await reporterPage.getByTestId('report-open').click();
  const form = reporterPage.getByTestId('report-form');
  await form.locator('select[name="category"]').selectOption('smuggling_fuel');
  await form.locator('select[name="severity"]').selectOption('high');
  // the location picked on the map: near the Panji Poyon crossing
  await form.getByTestId('report-pick').click();
  const map = reporterPage.getByTestId('border-map');
  await reporterPage.evaluate(() => undefined);
  await map.click({ position: { x: 200, y: 200 } });
  await expect(form.locator('input[name="lat"]')).not.toHaveValue('');
  // then typed precisely
  await form.locator('input[name="lat"]').fill('37.205');
  await form.locator('input[name="lon"]').fill('68.61');
  await form.locator('textarea[name="narrative"]').fill(`${tag}: fuel cans carried across at night <script>alert(1)</script>`);

  // the link goes down: the report is kept on the device
  await post.setOffline(true);
  await form.getByTestId('report-send').click();
  await expect(form.getByTestId('report-queued')).toBeVisible();
  await expect(reporterPage.getByTestId('outbox-pending')).toHaveAttribute('data-count', '1');
  // a reload while offline would lose nothing either: it is in IndexedDB
  const stored = await reporterPage.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('sarhad-outbox');
        open.onsuccess = () => {
          const req = open.result.transaction('reports').objectStore('reports').count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
  expect(stored).toBe(1);

  // the validator watches every status, live
  const hq = await browser.newContext();
  const validatorPage = await hq.newPage();
  await login(validatorPage, 'tj.validator');
  await switchLanguage(validatorPage, 'en');
  await validatorPage.goto('/#/events');
  await validatorPage.locator('#f-status').selectOption('all');
  await expect(validatorPage.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');

  // the link returns: the outbox sends it (once)
  await post.setOffline(false);
  await expect(reporterPage.getByTestId('outbox-pending')).toHaveCount(0, { timeout: 40_000 });

  // it arrives at the validator without a reload
  const row = validatorPage.locator('[data-testid="event-table"] tbody tr', { hasText: en.picture.category.smuggling_fuel }).first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.locator('button').click();
  const detail = validatorPage.getByTestId('event-detail');
  await expect(detail.getByTestId('event-narrative')).toContainText(tag);
  // the script tag is text, not markup
  await expect(detail.getByTestId('event-narrative')).toContainText('<script>alert(1)</script>');
  await expect(detail.getByTestId('event-status')).toHaveText(en.picture.status.submitted);

  // exactly one event with this narrative exists
  const validator = await as('tj.validator');
  const all = (await (await validator.api.get('/api/events?status=all&limit=10000')).json()) as { features: { id: string; properties: { narrative: { text: string } } }[] };
  expect(all.features.filter((f) => f.properties.narrative.text.startsWith(tag))).toHaveLength(1);
  await validator.api.dispose();

  // a second browser (the analyst at HQ) watches the picture; the validator publishes
  const analystCtx = await browser.newContext();
  const analystPage = await analystCtx.newPage();
  await login(analystPage, 'tj.analyst');
  await switchLanguage(analystPage, 'en');
  await analystPage.goto('/#/events');
  await expect(analystPage.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
  await expect(analystPage.getByTestId('events-loaded')).toHaveAttribute('data-loaded', 'true');
  const before = Number(await analystPage.getByTestId('events-loaded').getAttribute('data-count'));

  await detail.getByTestId('workflow-validate').click();
  await expect(detail.getByTestId('event-status')).toHaveText(en.picture.status.validated);
  await detail.getByTestId('workflow-publish').click();
  await expect(detail.getByTestId('event-status')).toHaveText(en.picture.status.published);

  await expect.poll(() => analystPage.getByTestId('events-loaded').getAttribute('data-count').then(Number), { timeout: 20_000 }).toBe(before + 1);
  await expect(analystPage.locator('[data-testid="event-table"] tbody tr', { hasText: en.picture.category.smuggling_fuel }).first()).toBeVisible();
  await post.close();
  await hq.close();
  await analystCtx.close();
});

test('the incidents page works at phone width (390 px) and in Pashto', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'tj.reporter');
  await page.getByTestId('language-switcher').first().selectOption('ps');
  await page.goto('/#/events');
  await expect(page.getByTestId('events-page')).toBeVisible();
  await expect(page.getByTestId('border-map')).toBeVisible();
  const box = await page.getByTestId('border-map').boundingBox();
  expect(box && box.width).toBeLessThanOrEqual(390);
  expect(box && box.height).toBeGreaterThan(250);
  // no horizontal scrolling of the page itself
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('report-open').click();
  await expect(page.getByTestId('report-form')).toBeVisible();
  await page.screenshot({ path: '.tmp/screens/picture-ps-phone.png', fullPage: true });
});
