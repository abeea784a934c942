import { expect, test } from '@playwright/test';
import { login, switchLanguage } from './helpers.ts';

test('installable: a web manifest with a name, a start URL, standalone display and an icon', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const m = (await (await request.get(href!)).json()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string }[] };
  expect(m.short_name).toBe('Sarhad');
  expect(m.display).toBe('standalone');
  expect(m.start_url).toBe('/#/events');
  expect((await request.get(m.icons[0]!.src)).ok()).toBe(true);
});

test('the app shell opens with the link down: a post can still write a report, sent when the link returns', async ({ page, context }) => {
  test.setTimeout(150_000);
  await login(page, 'tj.reporter');
  await switchLanguage(page, 'en');
  await page.goto('/#/events');
  await expect(page.getByTestId('events-page')).toBeVisible();
  // the service worker controls the page
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('events-page')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('report-open').click();
  const form = page.getByTestId('report-form');
  await form.locator('input[name="lat"]').fill('37.3');
  await form.locator('input[name="lon"]').fill('69.5');
  const tag = `shell-offline-${Date.now()}`;
  await form.locator('textarea[name="narrative"]').fill(tag);
  await form.getByTestId('report-send').click();
  await expect(form.getByTestId('report-queued')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByTestId('outbox-pending')).toHaveCount(0, { timeout: 45_000 });
  const mine = (await (await page.request.get('/api/events?status=all&limit=10000')).json()) as { features: { properties: { narrative: { text: string } } }[] };
  expect(mine.features.filter((f) => f.properties.narrative.text === tag)).toHaveLength(1);
});
