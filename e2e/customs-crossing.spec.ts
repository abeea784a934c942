import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { en, loginIn, switchLanguage } from './helpers.ts';

// The crossing-points editor and the aligned hours of the customs workspace (docs/trade.md):
// the administrator moves the Tajik side's Monday hours and the week chart of both banks
// follows; a bad UN/LOCODE comes back as its code and is shown in the reader's language.

test('the administrator edits Panji Poyon hours and sees the aligned hours change; a bad LOCODE is explained', async ({ page }) => {
  await loginIn(page, 'admin', 'en');
  await page.getByTestId('nav-customs').click();

  const aligned = page.getByTestId('aligned-hours');
  await expect(aligned.getByRole('heading', { level: 2 })).toHaveText(en.alignedHours.title);
  const summary = aligned.getByTestId('aligned-summary');
  await expect(summary).toBeVisible();
  const before = Number(await summary.getAttribute('data-both-minutes'));
  expect(before).toBeGreaterThan(0);
  // Seeded: Tajik side 08:00–20:00 at UTC+5, Afghan side 08:00–16:30 at UTC+4:30 → 03:30–12:00 UTC.
  const monday = aligned.locator('[data-testid="aligned-days"] tr[data-day="mon"] td').nth(1);
  await expect(monday).toHaveText('03:30–12:00');
  await expect(aligned.locator('[data-testid="aligned-days"] tr[data-day="fri"] td').nth(1)).toHaveText(en.alignedHours.none);
  await expect(aligned.getByTestId('band-both').first()).toBeVisible();

  const editor = page.getByTestId('crossing-editor');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText(en.crossingEditor.title);
  // Only the Tajik side's points are offered to the Tajik administrator.
  await expect(editor.locator('[data-testid="crossing-row"][data-ref="af-bcp-sher-khan-bandar"]')).toHaveCount(0);
  const row = editor.locator('[data-testid="crossing-row"][data-ref="tj-bcp-panji-poyon"]');
  await row.getByTestId('crossing-edit').click();
  const form = editor.getByTestId('crossing-form');
  await form.getByTestId('crossing-opens-mon').fill('10:00');
  await form.getByTestId('crossing-closes-mon').fill('20:00');
  await form.getByTestId('crossing-save').click();
  await expect(editor.getByTestId('crossing-saved')).toBeVisible();
  await expect(row).toContainText('10:00–20:00');

  // Monday at 10:00 local (UTC+5) is 05:00 UTC: both open 05:00–12:00, 90 minutes fewer a week.
  await expect(monday).toHaveText('05:00–12:00');
  await expect(summary).toHaveAttribute('data-both-minutes', String(before - 90));

  // A UN/LOCODE that is not one: the server's code, the reader's words, the field marked.
  await row.getByTestId('crossing-edit').click();
  await form.getByTestId('crossing-locode').fill('TJ-1');
  await form.getByTestId('crossing-save').click();
  const error = editor.getByTestId('crossing-error');
  await expect(error).toContainText(en.crossingEditor.errors.LOCODE_FORMAT);
  await expect(error.locator('[data-field="locode"]')).toBeVisible();
  // Another country's code: refused too, nothing saved.
  await form.getByTestId('crossing-locode').fill('AFSHE');
  await form.getByTestId('crossing-save').click();
  await expect(error).toContainText(en.crossingEditor.errors.LOCODE_COUNTRY);

  // In Dari (right to left) the same refusal reads in Dari.
  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await form.getByTestId('crossing-locode').fill('TJ-1');
  await form.getByTestId('crossing-save').click();
  await expect(error).toContainText(fa.crossingEditor.errors.LOCODE_FORMAT);
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText(fa.crossingEditor.title);
  await expect(row).not.toContainText('TJ-1');
});
