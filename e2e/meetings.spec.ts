import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { SCREEN_DIR, en, loginIn, logout, switchLanguage } from './helpers.ts';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

test('a commander schedules a BLO meeting, adds an action item and closes it; the calendar address is shown', async ({ page }) => {
  await loginIn(page, 'tj.commander', 'en');
  await page.getByTestId('nav-meetings').click();
  await expect(page.getByTestId('meetings-page')).toBeVisible();
  // The seeded half year: past meetings and upcoming ones, and the feed's address to subscribe to.
  await expect(page.getByTestId('past-meetings').getByTestId('meeting-row').first()).toBeVisible();
  await expect(page.getByTestId('upcoming-meetings').getByTestId('meeting-row').first()).toBeVisible();
  await expect(page.getByTestId('ics-url')).toHaveText(/\/api\/meetings\.ics$/);
  await page.screenshot({ path: `${SCREEN_DIR}/meetings-en.png` });

  const form = page.getByTestId('schedule-form');
  await form.getByTestId('meeting-title').fill('E2E BLO meeting on the spring floods');
  await form.getByTestId('meeting-starts').fill(`${inDays(4)}T10:00`);
  await form.getByTestId('meeting-hours').fill('2');
  await form.getByTestId('meeting-zone').selectOption('Asia/Dushanbe');
  await form.getByTestId('meeting-location').fill('Panji Poyon BLO');
  await form.getByTestId('meeting-agenda').fill('Gauge readings\nEvacuation routes');
  await form.locator('input[data-unit-ref="tj-blo-panji-poyon"]').check();
  await form.locator('input[data-unit-ref="af-blo-sher-khan-bandar"]').check();
  await form.getByTestId('schedule-submit').click();

  const view = page.getByTestId('meeting-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('meeting-heading')).toHaveText('E2E BLO meeting on the spring floods');
  await expect(page.getByTestId('meeting-status')).toHaveText(en.meetings.statuses.scheduled);
  // 10:00 in Dushanbe is 05:00 UTC; the page shows the meeting's own time.
  await expect(view).toContainText('10:00');
  await expect(page.getByTestId('meeting-agenda-list').locator('li')).toHaveCount(2);

  // An action item for the Afghan BLO, due in ten days.
  const add = page.getByTestId('add-action-form');
  await add.getByTestId('action-title').fill('Send the evacuation route map');
  await add.getByTestId('action-owner').selectOption({ label: 'Sher Khan Bandar Border Liaison Office (AF)' });
  await add.getByTestId('action-due').fill(inDays(10));
  await add.getByTestId('action-add').click();
  const row = page.getByTestId('action-row').filter({ hasText: 'Send the evacuation route map' });
  await expect(row).toHaveAttribute('data-status', 'open');
  await expect(row.getByTestId('action-status')).toHaveText(en.meetings.actionStatuses.open);

  await row.getByTestId('action-done').click();
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row.getByTestId('action-status')).toContainText(en.meetings.actionStatuses.done);
  await expect(row.getByTestId('action-reopen')).toBeVisible();

  // In Dari the page turns right-to-left and the status reads in Dari.
  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(row.getByTestId('action-status')).toContainText(fa.meetings.actionStatuses.done);
  await page.screenshot({ path: `${SCREEN_DIR}/meeting-fa.png`, fullPage: true });
  await switchLanguage(page, 'en');
  await logout(page);
});

test('a joint operation shows its area on the map, daily reports and after-action figures as bars', async ({ page }) => {
  await loginIn(page, 'tj.commander', 'en');
  await page.getByTestId('nav-operations').click();
  await expect(page.getByTestId('operations-page')).toBeVisible();
  await page.getByTestId('operation-row').first().locator('a').click();
  await expect(page.getByTestId('operation-view')).toBeVisible();
  await expect(page.getByTestId('area-map').locator('path.leaflet-interactive')).toHaveCount(1);
  await expect(page.getByTestId('daily-reports').locator('li')).toHaveCount(7);
  expect(Number(await page.getByTestId('fig-events').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('bars-categories').locator('li').first()).toBeVisible();
  await logout(page);
});

test('a liaison officer plans a joint operation by drawing its area; too few corners is refused with its own message', async ({ page }) => {
  await loginIn(page, 'af.liaison', 'en');
  await page.getByTestId('nav-operations').click();
  const form = page.getByTestId('plan-form');
  await form.getByTestId('op-name').fill('E2E operation on the Panj');
  await form.getByTestId('op-aim').fill('Simultaneous patrols on both banks');
  const map = form.getByTestId('draw-map');
  await map.click({ position: { x: 200, y: 100 } });
  await map.click({ position: { x: 300, y: 100 } });
  await form.getByTestId('op-start').fill(inDays(5));
  await form.getByTestId('op-end').fill(inDays(9));
  await form.locator('input[data-unit-ref="tj-blo-panji-poyon"]').check();
  await form.locator('input[data-unit-ref="af-blo-sher-khan-bandar"]').check();
  await form.getByTestId('op-submit').click();
  await expect(page.locator('[data-server-code="INVALID_AREA"]')).toContainText(en.meetings.errors.INVALID_AREA);

  await map.click({ position: { x: 300, y: 220 } });
  await map.click({ position: { x: 200, y: 220 } });
  await form.getByTestId('op-submit').click();
  await expect(page.getByTestId('operation-view')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E operation on the Panj');
  await expect(page.getByTestId('area-map').locator('path.leaflet-interactive')).toHaveCount(1);
  await logout(page);
});

test('a reporter at a post that takes part in no meeting sees none of them', async ({ page }) => {
  await loginIn(page, 'tj.reporter', 'en');
  await page.getByTestId('nav-meetings').click();
  await expect(page.getByTestId('meetings-page')).toBeVisible();
  await expect(page.getByTestId('meeting-row').filter({ hasText: 'E2E BLO meeting' })).toHaveCount(0);
  await logout(page);
});
