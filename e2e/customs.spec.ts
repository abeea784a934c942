import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { en, loginIn, login, logout, switchLanguage } from './helpers.ts';

test('a reporter has no customs workspace', async ({ page }) => {
  await login(page, 'tj.reporter');
  await expect(page.getByTestId('nav-customs')).toHaveCount(0);
  await logout(page);
});

test('a customs officer sees today’s arrivals with their lane, records an arrival and an inspection, transits and crossing times beside the CPMM baseline; RTL in Dari', async ({ page }) => {
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-customs').click();
  await expect(page.getByTestId('customs-page')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.trade.title);

  // Crossing times at Panji Poyon, inbound, with the published baseline drawn beside them.
  await expect(page.getByTestId('times-baseline')).toContainText('CAREC CPMM 2022');
  await expect(page.getByTestId('times-baseline')).toContainText('7.4');
  await expect(page.getByTestId('baseline-line')).toBeVisible();
  expect(Number(await page.getByTestId('times-count').textContent())).toBeGreaterThan(50);
  await expect(page.getByTestId('times-slowest')).toHaveText(en.trade.steps.queue_arrival);
  await page.getByTestId('direction-outbound').check();
  await expect(page.getByTestId('times-baseline')).toContainText('2.1');

  // Transits: the seeded overdue ones are flagged.
  await expect(page.locator('[data-testid="transit-row"][data-overdue="true"]').first()).toBeVisible();

  // Arrivals expected today (seeded: the crossing is open on weekdays but Sunday).
  const rows = page.getByTestId('arrival-row');
  if ((await rows.count()) > 0) {
    const first = rows.first();
    await expect(first.locator('.lane-badge')).not.toHaveText('—');
    await first.getByTestId('arrival-open').click();
    await first.locator('input[name="mass"]').fill('99000');
    await first.getByTestId('arrival-form').getByRole('button').click();
    await expect(first.locator('[data-testid="discrepancy"][data-kind="weight"]')).toBeVisible();
    await first.getByTestId('inspection-form').getByRole('button').click();
    await expect(first.getByTestId('inspection-saved')).toBeVisible();
  } else {
    await expect(page.getByTestId('arrivals-empty')).toBeVisible();
  }

  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fa.trade.title);
  await expect(page.getByTestId('nav-customs')).toHaveText(fa.trade.nav);
  await switchLanguage(page, 'en');
  await logout(page);
});
