import { expect, test, type Page } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import tg from '../src/web/i18n/locales/tg.ts';
import { loginIn, logout, SCREEN_DIR } from './helpers.ts';

/**
 * The RFI round trip in the real UI on the single demo node: the Tajik liaison officer of the
 * Panji Poyon BLO (tj.liaison, Tajik) asks about a person named in Cyrillic; the Afghan liaison
 * officer of the Sher Khan Bandar BLO (af.liaison, Dari) — a user of the counterpart unit on
 * this node, owning his answer as the AF side — reads it in Dari with the name in Perso-Arabic
 * and answers; the Tajik officer sees it answered.
 */
const NAME = 'Ҷамшед Раҳмонов';
const DARI_RFI_TITLE = 'درخواست معلومات در مورد یک شخص';

async function openChannel(page: Page) {
  await page.getByTestId('nav-liaison').click();
  await expect(page.getByTestId('liaison-page')).toBeVisible();
  await page.locator('[data-testid="liaison-channel"][data-ref="blo-panji-poyon"]').click();
  await expect(page.getByTestId('liaison-channel-view')).toBeVisible();
}

const ourRfi = (page: Page) => page.locator('[data-testid="liaison-message"][data-kind="rfi"]', { hasText: 'Дида шуд дар соҳил' }).last();

test('an RFI from a Tajik template is read in Dari across the channel, answered, and shows answered on both sides', async ({ page }) => {
  // Three sign-ins and a page each on a shared, busy machine.
  test.setTimeout(180_000);
  await loginIn(page, 'tj.liaison', 'tg');
  await openChannel(page);
  // Continuity: procedures and the counterpart's contacts are there on day one.
  await expect(page.getByTestId('liaison-procedures')).toContainText('Handover of detained persons');
  await expect(page.getByTestId('liaison-contacts')).toContainText('Ahmad Zia Rahimi');

  const compose = page.getByTestId('liaison-compose');
  await compose.getByTestId('compose-template').selectOption('rfi_person');
  await compose.getByTestId('compose-field-person').fill(NAME);
  await compose.getByTestId('compose-free-text').fill('Дида шуд дар соҳил.');
  await expect(compose.getByTestId('compose-rfi')).toBeChecked();
  await compose.getByTestId('compose-priority').selectOption('urgent');
  await compose.getByTestId('compose-send').click();
  await expect(compose.getByTestId('compose-sent')).toBeVisible();
  await expect(ourRfi(page).getByTestId('rfi-state')).toHaveAttribute('data-state', 'open');
  await expect(ourRfi(page).getByTestId('message-title')).toHaveText('Дархости маълумот дар бораи шахс');
  await logout(page);

  await loginIn(page, 'af.liaison', 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await openChannel(page);
  const rfi = ourRfi(page);
  await expect(rfi.getByTestId('message-title')).toHaveText(DARI_RFI_TITLE);
  const person = rfi.getByTestId('field-person');
  await expect(person).toContainText(/[\u0600-\u06ff]/);
  expect((await rfi.getByTestId('message-text').textContent()) ?? '').not.toMatch(/[\u0400-\u04ff]/);
  // Free text stays as written, with the "untranslated" label in Dari.
  await expect(rfi.getByTestId('untranslated-label')).toHaveText(fa.liaison.untranslated.replace('{{lang}}', fa.liaison.languages.tg));
  await rfi.getByTestId('answer-text').fill('این شخص برای ما شناخته‌شده نیست.');
  await rfi.getByTestId('answer-send').click();
  await expect(rfi.getByTestId('rfi-state')).toHaveAttribute('data-state', 'answered');
  await expect(rfi.getByTestId('rfi-state')).toHaveText(fa.liaison.state.answered);
  await rfi.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREEN_DIR}/liaison-rfi-fa.png` });
  await logout(page);

  await loginIn(page, 'tj.liaison', 'tg');
  await openChannel(page);
  await expect(ourRfi(page).getByTestId('rfi-state')).toHaveText(tg.liaison.state.answered);
  await expect(ourRfi(page).getByTestId('rfi-response')).toBeVisible();
  const answer = page.locator('[data-testid="liaison-message"][data-kind="answer"]', { hasText: 'شناخته‌شده نیست' });
  await expect(answer.getByTestId('untranslated-label')).toBeVisible();

  // The dashboard is alive from the seeded half year.
  await page.getByTestId('liaison-tab-dashboard').click();
  const pair = page.locator('[data-testid="coop-pair"][data-pair="AF-TJ"]');
  await expect(pair).toBeVisible();
  expect(await pair.getByTestId('coop-month').count()).toBeGreaterThanOrEqual(6);
  await expect(pair.getByTestId('coop-ours-median')).not.toHaveText('—');
  await page.screenshot({ path: `${SCREEN_DIR}/liaison-dashboard-tg.png`, fullPage: true });
  await logout(page);
});

test('a customs officer has no liaison page', async ({ page }) => {
  await loginIn(page, 'tj.customs', 'en');
  await expect(page.getByTestId('nav-liaison')).toHaveCount(0);
  await logout(page);
});
