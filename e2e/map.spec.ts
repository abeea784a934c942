import { expect, test } from '@playwright/test';
import { SCREEN_DIR, en, login } from './helpers.ts';

test('the map draws the border sections, crossing points and a legend', async ({ page }) => {
  await login(page, 'admin');
  const map = page.getByTestId('border-map');
  await expect(map).toBeVisible();

  const lines = page.locator('path.section-line');
  await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(20);
  const ids = await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-section-id')));
  expect(ids.every((id) => !!id)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);

  await expect.poll(() => page.locator('path.unit-marker.unit-crossing_point').count()).toBeGreaterThanOrEqual(5);
  await expect.poll(() => page.locator('path.unit-marker.unit-border_post').count()).toBeGreaterThanOrEqual(5);

  // Offline basemap: countries are drawn from world-atlas, no tiles are requested.
  await expect.poll(() => page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThan(50);
  await expect(page.locator('img.leaflet-tile')).toHaveCount(0);

  const legend = page.getByTestId('map-legend');
  await expect(legend).toContainText(en.map.legend);
  for (const level of ['low', 'medium', 'high', 'critical', 'none'] as const) {
    await expect(legend).toContainText(en.map.impact[level]);
  }

  await page.screenshot({ path: `${SCREEN_DIR}/map-en.png` });

  // The side list mirrors the sections; choosing one opens its popup with the section name.
  const items = page.locator('[data-testid="section-list"] .section-item');
  await expect(items).toHaveCount(await lines.count());
  const first = items.first();
  const name = (await first.locator('.section-name').textContent()) ?? '';
  await first.click();
  await expect(page.locator('.leaflet-popup-content')).toContainText(name);
  await page.screenshot({ path: `${SCREEN_DIR}/map-en-section.png` });
});

test('unit popups show name, kind, LOCODE and the approximate-location note', async ({ page }) => {
  await login(page, 'admin');
  const res = await page.request.get('/api/units');
  expect(res.ok()).toBe(true);
  type U = { id: string; kind: 'crossing_point' | 'border_post' | 'blo' | 'headquarters'; locode: string | null; approximate: boolean; name: { en: string } };
  const units = ((await res.json()) as { items: U[] }).items;
  const popup = page.locator('.leaflet-popup-content');

  const crossing = units.find((u) => u.kind === 'crossing_point');
  expect(crossing).toBeTruthy();
  await page.locator(`path.unit-marker[data-unit-id="${crossing!.id}"]`).dispatchEvent('click');
  await expect(popup).toContainText(crossing!.name.en);
  await expect(popup).toContainText(en.unitKind.crossing_point);
  if (crossing!.approximate) await expect(popup).toContainText(en.map.approximate);
  else await expect(popup).not.toContainText(en.map.approximate);
  await page.locator('.leaflet-popup-close-button').click();
  await expect(popup).toHaveCount(0);

  const withLocode = units.find((u) => u.locode);
  expect(withLocode).toBeTruthy();
  await page.locator(`path.unit-marker[data-unit-id="${withLocode!.id}"]`).dispatchEvent('click');
  await expect(popup).toContainText(withLocode!.name.en);
  await expect(popup).toContainText(en.unitKind[withLocode!.kind]);
  await expect(popup).toContainText(`${en.map.locode}${withLocode!.locode}`);
});

test('the web app runs under its strict Content-Security-Policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/(script|style)-src[^;]*'unsafe-inline'/);
  expect(response?.headers()['x-frame-options']).toBe('DENY');

  await login(page, 'admin');
  await expect.poll(() => page.locator('path.section-line').count()).toBeGreaterThanOrEqual(20);
  await expect.poll(() => page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThan(50);
  await page.locator('[data-testid="section-list"] .section-item').first().click();
  await expect(page.locator('.leaflet-popup-content')).toBeVisible();
  for (const nav of ['nav-screen', 'nav-alerts', 'nav-admin', 'nav-map']) {
    const link = page.getByTestId(nav);
    if ((await link.count()) > 0) await link.first().click();
  }
  expect(violations).toEqual([]);
});
