import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import ps from '../src/web/i18n/locales/ps.ts';
import { SCREEN_DIR, loginIn, createPersonAlert, createVehicleAlert, en, login, logout } from './helpers.ts';

const suffix = Date.now().toString(36);
// The real UN list ships with the repository (datasets/un).
const UN_XML = fileURLToPath(new URL('../datasets/un/consolidated-2025-08-02.xml', import.meta.url));

test('an analyst creates a person alert through the form and finds it in the list', async ({ page }) => {
  const reason = `E2E alerts ${suffix}: smuggling of precursors`;
  await loginIn(page, 'tj.analyst', 'en');
  await createPersonAlert(page, { name: 'Ҷамшед Раҳмонов', reason, action: 'arrest', tlp: 'AMBER', birthDate: '1985-03-13', nationality: 'TJ' });

  await page.getByTestId('alerts-filter').fill(suffix);
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText('Ҷамшед Раҳмонов');
  await expect(row).toContainText(reason);
  await expect(row.getByTestId('action-badge')).toHaveAttribute('data-action', 'arrest');
  await expect(row.getByTestId('action-badge')).toHaveText(en.hitAction.arrest);
  await expect(row.getByTestId('tlp-badge')).toHaveText('TLP:AMBER');
  await expect(row).toContainText(en.country.TJ);
  await expect(row).toContainText(en.alertSource.local);
  await expect(row.getByTestId('alert-status')).toHaveText(en.alerts.active);

  // Subject-kind filter: the person row disappears under "Vehicle".
  await page.getByTestId('alerts-kind-filter').selectOption('vehicle');
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('alerts-empty')).toHaveText(en.alerts.noMatch);
});

test('a validation error names the translated field', async ({ page }) => {
  await loginIn(page, 'tj.analyst', 'en');
  await page.getByTestId('nav-alerts').click();
  const form = page.getByTestId('create-alert-form');
  await form.locator('[name="names.0.name"]').fill('Test Person');
  await form.locator('[name="reason"]').fill('x'); // too short: at least 3 characters
  await form.getByTestId('create-alert-submit').click();
  const error = page.getByTestId('create-alert-error');
  await expect(error).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await expect(error).toContainText(en.errors.VALIDATION_FAILED);
  await expect(error).toContainText(en.alerts.reason);
});

test('an analyst revokes a vehicle alert', async ({ page }) => {
  const plate = `RV${suffix}`.toUpperCase().slice(0, 12);
  await loginIn(page, 'tj.analyst', 'en');
  await createVehicleAlert(page, plate, `E2E revoke ${suffix}`);
  await page.getByTestId('alerts-filter').fill(plate);
  const row = page.getByTestId('alert-row').first();
  await expect(row).toContainText(plate);
  page.once('dialog', (d) => void d.accept());
  await row.getByTestId('alert-revoke').click();
  await expect(row.getByTestId('alert-status')).toHaveText(en.alerts.revoked);
  await expect(row).toHaveAttribute('data-active', 'false');
  await expect(row.getByTestId('alert-revoke')).toHaveCount(0);
});

test('a foreign liaison officer sees a Tajik alert released to AF without Revoke or Edit, and their own with Revoke', async ({ page }) => {
  const plate = `LO${suffix}`.toUpperCase().slice(0, 12);
  await loginIn(page, 'tj.analyst', 'en');
  await page.getByTestId('nav-alerts').click();
  const form = page.getByTestId('create-alert-form');
  await form.getByTestId('alert-kind-vehicle').check();
  await form.locator('[name="plate"]').fill(plate);
  await form.locator('[name="reason"]').fill(`E2E ownership ${suffix}`);
  await form.locator('input[name="releasableTo"][value="AF"]').check();
  await form.getByTestId('create-alert-submit').click();
  await expect(page.getByTestId('create-alert-ok')).toBeVisible();
  await logout(page);

  await loginIn(page, 'af.liaison', 'en');
  const own = `AF${suffix}`.toUpperCase().slice(0, 12);
  await createVehicleAlert(page, own, `E2E own alert ${suffix}`);
  await page.getByTestId('alerts-filter').fill(plate);
  const row = page.getByTestId('alert-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('alert-status')).toHaveText(en.alerts.active);
  await expect(row.getByTestId('alert-revoke')).toHaveCount(0);
  await expect(row.getByTestId('alert-edit')).toHaveCount(0);
  // Their own alert, owned by their agency, offers Revoke.
  await page.getByTestId('alerts-filter').fill(own);
  await expect(page.getByTestId('alert-row').getByTestId('alert-revoke')).toHaveCount(1);
});

test('revoking an alert someone else changed meanwhile says so and shows the current version', async ({ page }) => {
  const plate = `VC${suffix}`.toUpperCase().slice(0, 12);
  // No live updates: the page keeps showing version 1 while the alert moves on.
  await page.route('**/api/stream', (route) => route.abort());
  await loginIn(page, 'tj.analyst', 'en');
  await createVehicleAlert(page, plate, `E2E version ${suffix}`);
  await page.getByTestId('alerts-filter').fill(plate);
  const row = page.getByTestId('alert-row').first();
  const id = await row.getAttribute('data-alert-id');
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const meanwhile = await page.request.patch(`/api/alerts/${id}`, { data: { action: 'arrest' }, headers: { 'if-match': '"1"', 'x-csrf-token': csrfToken } });
  expect(meanwhile.status()).toBe(200);

  page.once('dialog', (d) => void d.accept());
  await row.getByTestId('alert-revoke').click();
  const error = page.getByTestId('alerts-row-error');
  await expect(error).toHaveAttribute('data-error-code', 'VERSION_CONFLICT');
  await expect(error).toContainText(en.errors.VERSION_CONFLICT);
  // Reloaded: the row shows the other officer's change, still active, and can be revoked now.
  await expect(row.getByTestId('action-badge')).toHaveAttribute('data-action', 'arrest');
  await expect(row.getByTestId('alert-status')).toHaveText(en.alerts.active);
  page.once('dialog', (d) => void d.accept());
  await row.getByTestId('alert-revoke').click();
  await expect(row.getByTestId('alert-status')).toHaveText(en.alerts.revoked);
});

test('a partner observer sees neither Screening nor Alerts and the API refuses', async ({ page }) => {
  await login(page, 'partner.observer');
  await expect(page.getByTestId('nav-map')).toBeVisible();
  await expect(page.getByTestId('nav-screen')).toHaveCount(0);
  await expect(page.getByTestId('nav-alerts')).toHaveCount(0);
  const res = await page.request.get('/api/alerts');
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  // Typing the route does not open the page either.
  await page.goto('/#/alerts');
  await expect(page.getByTestId('app-header')).toBeVisible();
  await expect(page.getByTestId('alerts-page')).toHaveCount(0);
  await logout(page);
});

test('a customs officer reads alerts but cannot create or import', async ({ page }) => {
  await loginIn(page, 'tj.customs', 'en');
  await page.getByTestId('nav-alerts').click();
  await expect(page.getByTestId('alerts-table')).toBeVisible();
  await expect(page.getByTestId('create-alert-form')).toHaveCount(0);
  await expect(page.getByTestId('un-import-form')).toHaveCount(0);
});

test('an analyst imports the UN Security Council list with a progress bar and a summary', async ({ page }) => {
  test.setTimeout(180_000);
  await loginIn(page, 'tj.analyst', 'en');
  await page.getByTestId('nav-alerts').click();
  await expect(page.getByTestId('alerts-table')).toBeVisible();
  // On a fresh node the list holds no UN entries yet: then they are all "added".
  const unBefore = await page.getByTestId('alert-row').filter({ hasText: en.alertSource.un_sc }).count();
  const form = page.getByTestId('un-import-form');
  await form.getByTestId('un-import-file').setInputFiles(UN_XML);
  await form.getByTestId('un-import-submit').click();
  await expect(form.getByTestId('un-import-progress')).toBeVisible();
  const outcome = await Promise.race([
    form.getByTestId('un-import-summary').waitFor({ timeout: 150_000 }).then(() => 'summary' as const),
    form.getByTestId('un-import-error').waitFor({ timeout: 150_000 }).then(() => 'error' as const),
  ]);
  if (outcome === 'error') {
    const code = await form.getByTestId('un-import-error').getAttribute('data-error-code');
    throw new Error(`UN import failed with ${code}`);
  }
  const value = async (k: string) => Number(await form.getByTestId(`un-import-${k}`).getAttribute('data-value'));
  const [added, changed, unchanged] = [await value('added'), await value('changed'), await value('unchanged')];
  expect(added + changed + unchanged).toBeGreaterThan(600);
  if (unBefore === 0) expect(added).toBeGreaterThan(600);
  await expect(form.getByTestId('un-import-added')).toContainText(en.unImport.added);
  await expect(form.getByTestId('un-import-progress')).toHaveAttribute('data-phase', 'done');
  // The imported alerts are listed with their UN reference.
  await expect.poll(() => page.getByTestId('alert-row').count()).toBeGreaterThan(600);
});

test('the alerts page in Pashto is translated and mirrored', async ({ page }) => {
  await loginIn(page, 'tj.analyst', 'ps');
  await page.getByTestId('nav-alerts').click();
  await expect(page.getByTestId('nav-alerts')).toHaveText(ps.nav.alerts);
  await expect(page.getByTestId('alerts-page').locator('h1')).toHaveText(ps.alerts.title);
  await expect(page.getByTestId('create-alert-form')).toContainText(ps.tlpHelp.AMBER_STRICT);
  await expect(page.getByTestId('un-import-form')).toContainText(ps.unImport.title);
  // Mirrored: the form's submit button sits at the right edge of the form.
  const form = await page.getByTestId('create-alert-form').boundingBox();
  const submit = await page.getByTestId('create-alert-submit').boundingBox();
  expect(form && submit && submit.x + submit.width > form.x + form.width / 2).toBe(true);
  await page.setViewportSize({ width: 1366, height: 1800 });
  await page.screenshot({ path: `${SCREEN_DIR}/alerts-ps.png` });
});
