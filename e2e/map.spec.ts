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

  await expect.poll(() => page.locator('.unit-marker.unit-crossing_point').count()).toBeGreaterThanOrEqual(5);
  await expect.poll(() => page.locator('.unit-marker.unit-border_post').count()).toBeGreaterThanOrEqual(5);

  // Offline basemap: countries are drawn from world-atlas, no tiles are requested.
  await expect.poll(() => page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThanOrEqual(10);
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
  await page.locator(`.unit-marker[data-unit-id="${crossing!.id}"]`).dispatchEvent('click');
  await expect(popup).toContainText(crossing!.name.en);
  await expect(popup).toContainText(en.unitKind.crossing_point);
  if (crossing!.approximate) await expect(popup).toContainText(en.map.approximate);
  else await expect(popup).not.toContainText(en.map.approximate);
  await page.locator('.leaflet-popup-close-button').click();
  await expect(popup).toHaveCount(0);

  const withLocode = units.find((u) => u.locode);
  expect(withLocode).toBeTruthy();
  await page.locator(`.unit-marker[data-unit-id="${withLocode!.id}"]`).dispatchEvent('click');
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
  await expect.poll(() => page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThanOrEqual(10);
  await page.locator('[data-testid="section-list"] .section-item').first().click();
  await expect(page.locator('.leaflet-popup-content')).toBeVisible();
  for (const nav of ['nav-screen', 'nav-alerts', 'nav-admin', 'nav-map']) {
    const link = page.getByTestId(nav);
    if ((await link.count()) > 0) await link.first().click();
  }
  expect(violations).toEqual([]);
});

test('a map people can orient by: rivers, towns and villages, every BLO clickable, markers by keyboard', async ({ page }) => {
  test.setTimeout(150_000);
  await login(page, 'admin');
  // the border rivers, with their names
  await expect.poll(() => page.locator('path.river-line').count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('.river-label')).toHaveCount(3);
  await expect(page.locator('.river-label').first()).toContainText(en.place['Amu Darya']);
  // communities from the registry
  const communities = ((await (await page.request.get('/api/communities')).json()) as { items: { id: string; name: { en: string } }[] }).items;
  expect(communities.length).toBeGreaterThan(10);
  await expect.poll(() => page.locator('path.community-marker').count()).toBe(communities.length);

  // Every BLO sits on its crossing point: each must still take a real click (no element on top).
  const units = ((await (await page.request.get('/api/units')).json()) as { items: { id: string; kind: string; name: { en: string } }[] }).items;
  const blos = units.filter((u) => u.kind === 'blo');
  expect(blos.length).toBe(8);
  const popup = page.locator('.leaflet-popup-content');
  // Markers are redrawn when the layers' data arrives; a click on one being replaced is retried.
  const openPopupOf = async (unitId: string, name: string) =>
    expect(async () => {
      await page.locator(`.unit-marker[data-unit-id="${unitId}"] .unit-dot`).click();
      await expect(popup).toContainText(name, { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  for (const b of blos) {
    await openPopupOf(b.id, b.name.en);
    await page.locator('.leaflet-popup-close-button').click();
    await expect(popup).toHaveCount(0);
  }
  // after zooming in, they still fan out and take clicks
  await page.locator('.leaflet-control-zoom-in').click();
  await page.locator('.leaflet-control-zoom-in').click();
  await page.waitForTimeout(400);
  const someBlo = blos[0]!;
  await openPopupOf(someBlo.id, someBlo.name.en);
  await page.locator('.leaflet-popup-close-button').click();
  // A closed popup fades out for 200 ms; the next one must not be read beside it.
  await expect(popup).toHaveCount(0);
  await page.screenshot({ path: `${SCREEN_DIR}/map-fanned.png` });

  // Keyboard: every unit marker is in the tab order, Enter opens its popup.
  const markers = page.locator('.unit-marker');
  await expect(markers).toHaveCount(units.length);
  expect(await markers.evaluateAll((els) => els.every((e) => e.getAttribute('tabindex') === '0'))).toBe(true);
  const first = markers.first();
  await first.focus();
  await page.keyboard.press('Enter');
  // Read the popup that names this marker (one closing elsewhere may still be fading out).
  await expect(popup.filter({ hasText: (await first.getAttribute('title')) ?? '' })).toBeVisible();
  // Tab moves on to the next marker
  await page.keyboard.press('Escape');
  await first.focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('unit-marker'))).toBe(true);
});

test('the zoom buttons speak every language', async ({ page }) => {
  const { default: ru } = await import('../src/web/i18n/locales/ru.ts');
  const { default: tg } = await import('../src/web/i18n/locales/tg.ts');
  const { default: fa } = await import('../src/web/i18n/locales/fa.ts');
  const { default: ps } = await import('../src/web/i18n/locales/ps.ts');
  await login(page, 'admin');
  for (const [code, m] of [['en', en], ['ru', ru], ['tg', tg], ['fa', fa], ['ps', ps]] as const) {
    await page.getByTestId('language-switcher').first().selectOption(code);
    await expect(page.locator('.leaflet-control-zoom-in')).toHaveAttribute('title', m.picture.map.zoomIn);
    await expect(page.locator('.leaflet-control-zoom-out')).toHaveAttribute('aria-label', m.picture.map.zoomOut);
  }
});
