import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import ps from '../src/web/i18n/locales/ps.ts';
import tg from '../src/web/i18n/locales/tg.ts';
import { SOLAR_MONTHS_PS } from '../src/web/i18n/dates.ts';
import { SCREEN_DIR, login, switchLanguage } from './helpers.ts';

test('Dari mirrors the page and translates the labels', async ({ page }) => {
  await login(page, 'admin');
  await switchLanguage(page, 'fa');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'fa-AF');
  await expect(page.getByTestId('nav-map')).toHaveText(fa.nav.map);
  await expect(page.getByTestId('nav-admin')).toHaveText(fa.nav.admin);
  await expect(page.getByTestId('logout')).toHaveText(fa.nav.logout);
  await expect(page.getByTestId('map-legend')).toContainText(fa.map.legend);
  await expect(page.getByTestId('map-legend')).toContainText(fa.map.impact.critical);

  // Mirrored header: the brand sits at the right, the logout button at the left.
  const brand = await page.locator('.brand').boundingBox();
  const logoutBox = await page.getByTestId('logout').boundingBox();
  expect(brand && logoutBox && brand.x > logoutBox.x).toBe(true);
  // The side list of sections moves to the left of the map.
  const map = await page.getByTestId('border-map').boundingBox();
  const side = await page.getByTestId('section-list').boundingBox();
  expect(map && side && side.x < map.x).toBe(true);

  // The choice is remembered on this device.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('nav-map')).toHaveText(fa.nav.map);
  await expect.poll(() => page.locator('path.section-line').count()).toBeGreaterThanOrEqual(20);
  await expect.poll(() => page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
  await page.screenshot({ path: `${SCREEN_DIR}/map-fa.png` });

  // Section popups name the river and the provinces in Dari too.
  await page.locator('[data-testid="section-list"] .section-item').first().click();
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup).toContainText(fa.place['Amu Darya']);
  await expect(popup).toContainText(fa.place.Balkh);
  await expect(popup).not.toContainText(/[A-Za-z]{3}/);
});

test('the production build offers exactly the five languages, in their own names', async ({ page }) => {
  await page.goto('/');
  const options = page.getByTestId('language-switcher').locator('option');
  await expect(options).toHaveText(['English', 'Русский', 'Тоҷикӣ', 'دری', 'پښتو']);
  await expect(options).toHaveCount(5); // no development pseudo-locale
});

test('Tajik shows Cyrillic labels left to right', async ({ page }) => {
  await login(page, 'admin');
  await switchLanguage(page, 'tg');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'tg');
  const nav = page.getByTestId('nav-map');
  await expect(nav).toHaveText(tg.nav.map);
  expect(await nav.textContent()).toMatch(/[\u0400-\u04FF]/);
  await expect(page.getByTestId('map-legend')).toContainText(tg.map.legend);
  // Tajik month names are our own (the browser has no Tajik date data).
  await expect(page.getByTestId('today-date')).toHaveText(
    /^\d{1,2} (январ|феврал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр) \d{4}$/,
  );
  // Section names come from the API in Tajik too.
  const firstName = await page.locator('.section-name').first().textContent();
  expect(firstName).toMatch(/[\u0400-\u04FF]/);
});

test('Pashto shows the Solar Hijri date with Pashto month names', async ({ page }) => {
  await login(page, 'admin');
  await switchLanguage(page, 'ps');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ps');
  await expect(page.getByTestId('nav-map')).toHaveText(ps.nav.map);
  const today = (await page.getByTestId('today-date').textContent()) ?? '';
  expect(SOLAR_MONTHS_PS.some((m) => today.includes(` ${m} `))).toBe(true);
  expect(today).toMatch(/[۰-۹]{4}/);
});

test('the administration page is mirrored in Dari', async ({ page }) => {
  await login(page, 'admin');
  await switchLanguage(page, 'fa');
  await page.getByTestId('nav-admin').click();
  await expect(page.getByTestId('admin-page')).toBeVisible();
  await expect(page.locator('h1')).toHaveText(fa.admin.title);
  const table = page.getByTestId('users-table');
  await expect(table.locator('th').first()).toHaveText(fa.admin.username);
  // First column on the right.
  const headers = table.locator('th');
  const firstBox = await headers.first().boundingBox();
  const secondBox = await headers.nth(1).boundingBox();
  expect(firstBox && secondBox && firstBox.x > secondBox.x).toBe(true);
  await expect(table.locator('tbody tr')).not.toHaveCount(0);
  await page.screenshot({ path: `${SCREEN_DIR}/admin-fa.png` });
  await page.getByTestId('create-user-form').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREEN_DIR}/admin-fa-form.png` });
  await page.getByTestId('create-unit-form').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREEN_DIR}/admin-fa-units.png` });
});
