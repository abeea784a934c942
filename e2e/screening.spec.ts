import { expect, test, type Page } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { SCREEN_DIR, loginIn, createPersonAlert, createVehicleAlert, en, login, logout } from './helpers.ts';

const suffix = Date.now().toString(36);
const reason = `E2E screening ${suffix}: wanted for drug trafficking`;
const plate = `SC${suffix}`.toUpperCase().slice(0, 12);
const plateReason = `E2E plate ${suffix}: stolen vehicle`;

test.describe.configure({ mode: 'serial' });

async function screenName(page: Page, name: string, birthDate = ''): Promise<void> {
  await page.getByTestId('screen-mode-person').check();
  await page.getByTestId('screen-name').fill(name);
  await page.getByTestId('screen-birthdate').fill(birthDate);
  // Officers at the crossing screen from the keyboard: Enter submits.
  await page.getByTestId('screen-name').press('Enter');
  await expect(page.getByTestId('screen-results')).toBeVisible();
}

/** The form and the first cards: the page scrolls inside its own pane, so show a tall viewport from the top. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.getByTestId('screening-page').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREEN_DIR}/${name}.png` });
  await page.setViewportSize({ width: 1366, height: 800 });
}

const ourCard = (page: Page, r = reason) => page.getByTestId('hit-card').filter({ hasText: r });

test('an analyst puts a person and a vehicle on the alert list', async ({ page }) => {
  await loginIn(page, 'tj.analyst', 'en');
  await createPersonAlert(page, { name: 'Ҷамшед Раҳмонов', reason, action: 'arrest', tlp: 'AMBER', birthDate: '1985-03-13', nationality: 'TJ' });
  await createVehicleAlert(page, plate, plateReason, 'deny_entry');
});

test('a customs officer screens the name in Russian spelling and sees the arrest hit', async ({ page }) => {
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-screen').click();
  await expect(page.getByTestId('screen-name')).toBeFocused();
  await screenName(page, 'Джамшед Рахмонов', '1985');

  const card = ourCard(page);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('action-badge')).toHaveAttribute('data-action', 'arrest');
  await expect(card.getByTestId('action-badge')).toHaveText(en.hitAction.arrest);
  const bar = card.getByTestId('score-bar').getByRole('meter');
  await expect(bar).toBeVisible();
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(75);
  const fill = await card.locator('.share-fill').first().boundingBox();
  expect(fill && fill.width > 20).toBe(true);
  await expect(card.getByTestId('tlp-badge')).toHaveText('TLP:AMBER');
  await expect(card.getByTestId('hit-listed-name')).toHaveText('Ҷамшед Раҳмонов');
  await expect(card.getByTestId('hit-reader-name')).toHaveText(/^[A-Za-z' -]+$/);
  await expect(card.getByTestId('hit-source')).toHaveText(en.alertSource.local);

  // The explanation opens: query parts against listed parts, with how they matched.
  await card.getByTestId('hit-explanation').locator('summary').click();
  await expect(card.getByTestId('explain-row')).toHaveCount(2);
  await expect(card.getByTestId('explain-row').first()).toContainText('Ҷамшед', { ignoreCase: true });
  await expect(card.getByTestId('adjustment').first()).toBeVisible();
  await expect(card.getByTestId('hit-confirm')).toBeVisible();
  // A birth year alone does not tell namesakes apart: no false positive without a full date or document.
  await expect(card.getByTestId('hit-false-positive')).toBeDisabled();
  await expect(card.getByTestId('hit-false-positive-hint')).toHaveText(en.screen.falsePositiveNeedsIdentifiers);

  // Results ranked best first.
  const scores = await page.getByTestId('hit-card').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await shoot(page, 'screening-en');
});

test('in Dari, a Perso-Arabic query with a Solar Hijri birth date hits; marked false positive, it comes back suppressed', async ({ page }) => {
  // A border post officer (border guard): the decision suppresses for the border guard only.
  await loginIn(page, 'tj.reporter', 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('nav-screen').click();
  await expect(page.getByTestId('nav-screen')).toHaveText(fa.nav.screen);

  // 22 Hut 1363 = 13 March 1985: the hint shows the Gregorian date.
  await page.getByTestId('screen-birthdate').fill('۱۳۶۳/۱۲/۲۲');
  await expect(page.getByTestId('screen-birthdate-hint')).toContainText('۱۳ مارچ ۱۹۸۵');
  await page.getByTestId('screen-name').fill('جمشید رحمانوف');
  await page.getByTestId('screen-name').press('Enter');

  const card = ourCard(page);
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-suppressed', 'false');
  await expect(card.getByTestId('action-badge')).toHaveText(fa.hitAction.arrest);
  await expect(card.getByTestId('hit-reader-name')).toHaveText(/[\u0600-\u06FF]/);
  await card.getByTestId('hit-explanation').locator('summary').click();
  const birthDate = card.locator('[data-testid="adjustment"][data-kind="birth-date"]');
  await expect(birthDate).toHaveAttribute('data-detail', 'exact-date');
  await expect(birthDate).toContainText(fa.adjustmentDetail['exact-date']);
  await shoot(page, 'screening-fa');

  await card.getByTestId('hit-false-positive').click();
  const decision = card.getByTestId('hit-decision');
  await expect(decision).toHaveAttribute('data-decision', 'false_positive');
  await expect(decision).toContainText(fa.screen.decidedFalsePositive);
  await expect(card.getByTestId('hit-decision-scope')).toBeVisible();
  await expect(card.getByTestId('hit-confirm')).toHaveCount(0);

  // The same traveller screened again: the hit is still shown and counted, greyed as suppressed.
  await page.getByTestId('screen-name').press('Enter');
  const again = ourCard(page);
  await expect(again).toHaveAttribute('data-suppressed', 'true');
  await expect(again.getByTestId('hit-suppressed')).toContainText(fa.screen.suppressedUntil.split('{{date}}')[0]!.trim());
  await expect(page.getByTestId('screen-suppressed-count')).toBeVisible();
  await expect(again.getByTestId('hit-false-positive')).toHaveCount(0);
  await expect(again.getByTestId('hit-confirm')).toBeVisible();
  await shoot(page, 'screening-suppressed-fa');
  await logout(page);
});

test('a validator of the same agency reviews the decision and undoes it: the hit is raised again', async ({ page }) => {
  await loginIn(page, 'tj.validator', 'en');
  await page.getByTestId('nav-screen').click();
  const review = page.getByTestId('fp-review');
  await expect(review).toBeVisible();
  await expect(review.getByRole('heading')).toHaveText(en.falsePositives.title);
  const row = review.getByTestId('fp-row').filter({ hasText: reason });
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row).toContainText('tj.reporter');
  // The reviewer sees the alert and the officers, never the traveller.
  await expect(review).not.toContainText('جمشید');
  await row.getByTestId('fp-undo').click();
  await expect(review.getByTestId('fp-row').filter({ hasText: reason })).toHaveCount(0);
  await review.getByTestId('fp-filter').selectOption('revoked');
  await expect(review.getByTestId('fp-row').filter({ hasText: reason })).toHaveAttribute('data-status', 'revoked');
  await logout(page);

  await loginIn(page, 'tj.reporter', 'en');
  await page.getByTestId('nav-screen').click();
  await expect(page.getByTestId('fp-review')).toHaveCount(0);
  await screenName(page, 'جمشید رحمانوف', '1985-03-13');
  const card = ourCard(page);
  await expect(card).toHaveAttribute('data-suppressed', 'false');
  await expect(card.getByTestId('hit-false-positive')).toBeEnabled();
  await logout(page);
});

test('a customs officer screens a plate; an unknown plate shows no hits', async ({ page }) => {
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-screen').click();
  await page.getByTestId('screen-mode-vehicle').check();
  await page.getByTestId('screen-plate').fill(plate.toLowerCase());
  await page.getByTestId('screen-plate').press('Enter');
  const card = ourCard(page, plateReason);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('action-badge')).toHaveAttribute('data-action', 'deny_entry');
  await expect(card.getByTestId('hit-listed-name')).toHaveText(plate);
  await card.getByTestId('hit-confirm').click();
  await expect(card.getByTestId('hit-decision')).toHaveAttribute('data-decision', 'confirmed');
  await expect(card.getByTestId('hit-decision')).toContainText(en.screen.decidedConfirmed);

  await page.getByTestId('screen-plate').fill(`ZZ${suffix}X`.toUpperCase());
  await page.getByTestId('screen-plate').press('Enter');
  await expect(page.getByTestId('screen-no-hits')).toBeVisible();
  await expect(page.getByTestId('screen-no-hits')).toContainText(en.screen.noHits);

  // Nothing to screen: a translated prompt, no request.
  await page.getByTestId('screen-plate').fill('');
  await page.getByTestId('screen-submit').click();
  await expect(page.getByTestId('screen-missing')).toHaveText(en.screen.needOne);
  await logout(page);
});

test('a partner observer may not screen', async ({ page }) => {
  await login(page, 'partner.observer');
  await expect(page.getByTestId('nav-screen')).toHaveCount(0);
  await page.goto('/#/screen');
  await expect(page.getByTestId('app-header')).toBeVisible();
  await expect(page.getByTestId('screening-page')).toHaveCount(0);
  const res = await page.request.get('/api/alerts');
  expect(res.status()).toBe(403);
});
