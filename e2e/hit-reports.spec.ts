import { expect, test } from '@playwright/test';
import { createPersonAlert, en, loginIn, logout } from './helpers.ts';

const suffix = Date.now().toString(36);
const reason = `E2E hit report ${suffix}: wanted for smuggling`;
const found = `Traveller as listed, passport shown (${suffix})`;

test.describe.configure({ mode: 'serial' });

/**
 * After a hit (docs/screening.md): the officer confirms a hit and files the hit report from the
 * hit card; the alert's owners see it in the hit reports panel and answer; the screening
 * history shows the confirmed, reported hit.
 */
test('a confirmed hit is reported to the alert owner, who answers', async ({ page }) => {
  await loginIn(page, 'tj.analyst', 'en');
  await createPersonAlert(page, { name: 'Сафар Назаров', reason, action: 'arrest', tlp: 'AMBER', birthDate: '1981-07-04', nationality: 'TJ' });
  await logout(page);

  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-screen').click();
  await page.getByTestId('screen-name').fill('Safar Nazarov');
  await page.getByTestId('screen-name').press('Enter');
  const card = page.getByTestId('hit-card').filter({ hasText: reason });
  await expect(card).toBeVisible();
  await card.getByTestId('hit-confirm').click();
  await expect(card.getByTestId('hit-decision')).toHaveAttribute('data-decision', 'confirmed');

  // The report form appears on the confirmed hit; it says what is missing before sending.
  const form = card.getByTestId('hit-report-form');
  await expect(form).toBeVisible();
  await form.getByTestId('hit-report-submit').click();
  await expect(form.getByTestId('hit-report-missing')).toHaveText(en.hitReports.missing);
  await form.getByTestId('hit-report-action').selectOption('person_held');
  await form.getByTestId('hit-report-found').fill(found);
  await form.getByTestId('hit-report-place').fill('Panji Poyon');
  await form.getByTestId('hit-report-submit').click();
  await expect(card.getByTestId('hit-report-filed')).toBeVisible();

  // The desk's history: the confirmed hit, reported.
  const history = page.getByTestId('screening-history');
  await history.getByTestId('history-outcome').selectOption('confirmed');
  await expect(history.getByTestId('history-hit').filter({ hasText: 'Сафар Назаров' }).first()).toHaveAttribute('data-reported', 'true');
  await logout(page);

  // The owning agency (TJ border guard) sees the report and answers it.
  await loginIn(page, 'tj.analyst', 'en');
  await page.getByTestId('nav-screen').click();
  const report = page.getByTestId('hit-report').filter({ hasText: found });
  await expect(report).toBeVisible();
  await expect(report).toContainText(en.hitReports.actions.person_held);
  await expect(report.getByTestId('hit-report-unanswered')).toBeVisible();
  await report.getByTestId('hit-answer-requested').selectOption('hold_person');
  await report.getByTestId('hit-answer-information').fill('Court order 12/2026; hold him for the border guard.');
  await report.getByTestId('hit-answer-submit').click();
  await expect(report.getByTestId('hit-answer')).toContainText(en.hitReports.requested.hold_person);
});
