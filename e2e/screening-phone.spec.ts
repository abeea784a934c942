import { expect, test } from '@playwright/test';
import { createPersonAlert, createVehicleAlert, loginIn, switchLanguage } from './helpers.ts';

// Issue #8: the screening page on a 390 px phone, and every failure of a search shown.
const suffix = Date.now().toString(36);
const reason = `E2E phone ${suffix}: wanted for smuggling`;
const plate = `PH${suffix}`.toUpperCase().slice(0, 12);

test.describe.configure({ mode: 'serial' });

test('an analyst lists a person and a vehicle', async ({ page }) => {
  await loginIn(page, 'tj.analyst', 'en');
  await createPersonAlert(page, { name: 'Сайфулло Назаров', reason, action: 'arrest', tlp: 'AMBER', birthDate: '1979-05-02', nationality: 'TJ' });
  await createVehicleAlert(page, plate, `${reason} (vehicle)`, 'deny_entry');
});

test('on a 390 px phone the opened explanation keeps the score and the buttons in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-screen').click();
  await page.getByTestId('screen-name').fill('سیف الله نظراف');
  await page.getByTestId('screen-name').press('Enter');
  const card = page.getByTestId('hit-card').filter({ hasText: reason });
  await expect(card).toBeVisible();
  // the listed person's identifiers are on the card
  await expect(card.getByTestId('hit-birthdates')).toHaveText('1979-05-02');
  await expect(card.getByTestId('hit-nationalities')).toHaveText('TJ');
  await card.getByTestId('hit-explanation').locator('summary').click();
  await expect(card.getByTestId('explain-row').first()).toBeVisible();
  const width = page.viewportSize()!.width;
  for (const el of [card.getByTestId('score-bar'), card.getByTestId('hit-confirm'), card]) {
    const box = await el.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width + 1);
  }
  // the buttons come before the explanation, so opening it cannot push them away
  const confirm = (await card.getByTestId('hit-confirm').boundingBox())!;
  const explanation = (await card.getByTestId('hit-explanation').boundingBox())!;
  expect(confirm.y).toBeLessThan(explanation.y);
  // nothing on the page is wider than the phone
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test('an invalid birth date is said, and does not block a vehicle search', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-screen').click();
  await page.getByTestId('screen-name').fill('Saifullo Nazarov');
  await page.getByTestId('screen-birthdate').fill('31.02.1979');
  await page.getByTestId('screen-submit').click();
  await expect(page.getByTestId('screen-invalid')).toBeVisible();
  await page.getByTestId('screen-mode-vehicle').check();
  await page.getByTestId('screen-plate').fill(plate);
  await page.getByTestId('screen-submit').click();
  await expect(page.getByTestId('screen-results')).toBeVisible();
  await expect(page.getByTestId('hit-card').filter({ hasText: `${reason} (vehicle)` })).toBeVisible();
  await expect(page.getByTestId('screen-invalid')).toHaveCount(0);
});

test('the screening history pages by twenty: newer and older, the range in the reader\'s digits', async ({ page }) => {
  await loginIn(page, 'tj.reporter', 'en');
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  for (let i = 0; i < 21; i += 1) {
    const res = await page.request.post('/api/screen', { headers: { 'x-csrf-token': csrfToken }, data: { name: `Пейджер Тестов ${suffix} ${i}` } });
    expect(res.ok()).toBe(true);
  }
  await page.getByTestId('nav-screen').click();
  const history = page.getByTestId('screening-history');
  await expect(history.getByTestId('history-row')).toHaveCount(20);
  await expect(history.getByTestId('history-newer')).toBeDisabled();
  await expect(history).toContainText(/1–20 of \d+/);
  await history.getByTestId('history-older').click();
  await expect(history).toContainText(/21–\d+ of \d+/);
  await expect(history.getByTestId('history-newer')).toBeEnabled();
  await history.getByTestId('history-newer').click();
  await expect(history).toContainText(/1–20 of \d+/);
  // In Dari the same range is written in Persian digits.
  await switchLanguage(page, 'fa');
  await expect(page.getByTestId('screening-history')).toContainText('۱–۲۰');
});
