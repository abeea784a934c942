import { expect, test } from '@playwright/test';
import { en, login, SCREEN_DIR } from './helpers.ts';
import fa from '../src/web/i18n/locales/fa.ts';

test('an Afghan liaison officer reads the seeded warnings in Dari, right to left, with gauges and the resource gaps', async ({ page }) => {
  await login(page, 'af.liaison');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The map draws the warnings in force.
  await expect(page.locator('path.warning-area').first()).toBeAttached();
  await page.getByTestId('nav-warnings').click();
  await expect(page.getByTestId('warnings-page')).toBeVisible();
  const table = page.getByTestId('warnings-table');
  await expect(table).toContainText('سیل گل‌آلود سرک‌های کنار دریا را در هر دو ساحل نزدیک روشان بست');
  await expect(table).toContainText('سیلاب در دریای پنج نزدیک خاروغ');
  await table.getByRole('button', { name: /خاروغ/ }).click();
  const detail = page.getByTestId('warning-detail');
  await expect(detail).toHaveAttribute('dir', 'rtl');
  await expect(detail).toContainText(fa.hazard.reaches);
  await expect(page.getByTestId('warning-affected')).toContainText('(AF)');
  await page.screenshot({ path: `${SCREEN_DIR}/warnings-fa.png` });

  await page.getByTestId('tab-gauges').click();
  await page.getByTestId('gauges-table').getByRole('button', { name: 'خاروغ' }).click();
  await expect(page.getByTestId('gauge-chart')).toBeVisible();
  await expect(page.getByTestId('threshold-warning')).toContainText('300');

  await page.getByTestId('tab-damage').click();
  await expect(page.getByTestId('damage-table')).toContainText('AF');
  await expect(page.getByTestId('resource-helicopter')).toContainText(fa.hazard.gapEverywhere);
});

test('a Tajik analyst issues a warning with a circle area; it is listed and can be cancelled', async ({ page }) => {
  await login(page, 'tj.analyst');
  await page.getByTestId('language-switcher').first().selectOption('en');
  await page.getByTestId('nav-warnings').click();
  const form = page.getByTestId('warning-form');
  const headline = `Rockfall on the Vanj road ${Date.now().toString(36)}`;
  await form.getByTestId('warning-event').fill('Rockfall');
  await form.getByTestId('warning-headline').fill(headline);
  await form.getByTestId('warning-area').fill('Vanj valley');
  await form.getByTestId('warning-severity').selectOption('Moderate');
  await form.getByTestId('warning-submit').click();
  await expect(form).toContainText(en.hazard.issued);
  await expect(page.getByTestId('warnings-table')).toContainText(headline);
  const detail = page.getByTestId('warning-detail');
  await expect(detail).toContainText(headline);
  await expect(page.getByTestId('cap-link')).toHaveAttribute('href', /\/api\/warnings\/[0-9a-f-]+\/cap$/);
  await detail.getByTestId('cancel-warning').click();
  await expect(page.getByTestId('warnings-table').getByRole('row', { name: new RegExp(headline) })).toContainText(en.hazard.cancelled);
});
