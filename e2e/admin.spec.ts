import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, en, login, logout } from './helpers.ts';

const suffix = Date.now().toString(36);

test('an administrator creates a user who can then sign in', async ({ page }) => {
  const username = `e2e.user.${suffix}`;
  await login(page, 'admin');
  await page.getByTestId('nav-admin').click();
  const form = page.getByTestId('create-user-form');
  await expect(form).toBeVisible();

  await form.locator('[name="username"]').fill(username);
  await form.locator('[name="displayName"]').fill('Нозим Раҳимов');
  await form.locator('[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('[name="locale"]').selectOption('tg');
  // Agency: the first Tajik one; unit choices follow the agency.
  const agencyValue = await form
    .locator('[name="agencyId"] option')
    .filter({ hasText: /^TJ · / })
    .first()
    .getAttribute('value');
  expect(agencyValue).toBeTruthy();
  await form.locator('[name="agencyId"]').selectOption(agencyValue!);
  await form.locator('input[name="roles"][value="reporter"]').check();
  await form.locator('input[name="roles"][value="analyst"]').check();
  await form.getByTestId('create-user-submit').click();

  await expect(page.getByTestId('create-user-ok')).toBeVisible();
  const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Нозим Раҳимов');
  await expect(row).toContainText(en.roles.reporter);
  await expect(row).toContainText(en.roles.analyst);

  // The same username again is refused with a translated error.
  await form.locator('[name="username"]').fill(username);
  await form.locator('[name="displayName"]').fill('Duplicate');
  await form.locator('[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('input[name="roles"][value="reporter"]').check();
  await form.getByTestId('create-user-submit').click();
  const error = page.getByTestId('create-user-error');
  await expect(error).toBeVisible();
  const code = (await error.getAttribute('data-error-code')) as keyof typeof en.errors;
  expect(['CONFLICT', 'VALIDATION_FAILED']).toContain(code);
  await expect(error.locator('p')).toHaveText(en.errors[code]);

  await logout(page);
  await login(page, username);
  await expect(page.getByTestId('current-user')).toHaveText('Нозим Раҳимов');
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  // The user's own language (Tajik) is used when none was chosen on this device.
  await expect(page.locator('html')).toHaveAttribute('lang', 'tg');
});

test('an administrator creates a unit that appears in the table and on the map', async ({ page }) => {
  await login(page, 'admin');
  const markers = page.locator('.unit-marker');
  await expect.poll(() => markers.count()).toBeGreaterThan(0);
  const before = await markers.count();

  await page.getByTestId('nav-admin').click();
  const form = page.getByTestId('create-unit-form');
  await form.locator('[name="kind"]').selectOption('border_post');
  const agencyValue = await form
    .locator('[name="agencyId"] option')
    .filter({ hasText: /^TJ · / })
    .first()
    .getAttribute('value');
  await form.locator('[name="agencyId"]').selectOption(agencyValue!);
  const enName = `E2E post ${suffix}`;
  await form.locator('[name="name.en"]').fill(enName);
  await form.locator('[name="name.ru"]').fill(`Застава E2E ${suffix}`);
  await form.locator('[name="name.tg"]').fill(`Посгоҳи E2E ${suffix}`);
  await form.locator('[name="name.fa"]').fill(`پاسگاه آزمایشی ${suffix}`);
  await form.locator('[name="name.ps"]').fill(`ازمېښتي پوسته ${suffix}`);
  await form.locator('[name="lon"]').fill('69.35');
  await form.locator('[name="lat"]').fill('37.21');
  await form.getByTestId('create-unit-submit').click();
  await expect(page.getByTestId('create-unit-ok')).toBeVisible();
  await expect(page.getByTestId('units-table')).toContainText(enName);

  await page.getByTestId('nav-map').click();
  await expect.poll(() => markers.count()).toBe(before + 1);
});

test('a unit with a missing location is refused with a translated validation error', async ({ page }) => {
  await login(page, 'admin');
  await page.getByTestId('nav-admin').click();
  const form = page.getByTestId('create-unit-form');
  // Bypass the browser's own checks to see the server's answer.
  await form.evaluate((f) => f.setAttribute('novalidate', ''));
  await form.locator('[name="name.en"]').fill('No agency');
  await form.getByTestId('create-unit-submit').click();
  const error = page.getByTestId('create-unit-error');
  await expect(error).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await expect(error.locator('p')).toHaveText(en.errors.VALIDATION_FAILED);
  // The server names the invalid fields; the form shows their translated labels and marks them.
  await expect(error.locator('li[data-field="agencyId"]')).toHaveText(en.errors.field.replace('{{field}}', en.admin.agency));
  await expect(form.locator('[name="agencyId"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[name="name.fa"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[name="name.en"]')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[name="lon"]')).toHaveAttribute('aria-invalid', 'true');
});

test('an administrator disables and enables a user', async ({ page }) => {
  await login(page, 'admin');
  await page.getByTestId('nav-admin').click();
  const row = page.locator('[data-testid="user-row"][data-username="partner.observer"]');
  await expect(row).toContainText(en.admin.active);
  await row.getByTestId('toggle-user').click();
  await expect(row).toContainText(en.admin.disabled);
  await row.getByTestId('toggle-user').click();
  await expect(row).toContainText(en.admin.active);
});

test('the map of another signed-in user updates live when a unit is created', async ({ page, browser }) => {
  await login(page, 'tj.analyst');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
  const markers = page.locator('.unit-marker');
  await expect.poll(() => markers.count()).toBeGreaterThan(0);
  const before = await markers.count();

  // An administrator in another browser context creates a unit through the API.
  const admin = await browser.newContext();
  const login2 = await admin.request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  expect(login2.ok()).toBe(true);
  const { csrfToken } = (await login2.json()) as { csrfToken: string };
  const agencies = (await (await admin.request.get('/api/agencies')).json()) as { items: { id: string; stateCode: string }[] };
  const agency = agencies.items.find((a) => a.stateCode === 'TJ')!;
  const created = await admin.request.post('/api/units', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      agencyId: agency.id,
      kind: 'border_post',
      name: { en: `Live post ${suffix}`, ru: 'Застава', tg: 'Посгоҳ', fa: 'پاسگاه', ps: 'پوسته' },
      location: [70.1, 37.6],
    },
  });
  expect(created.status()).toBe(201);
  const unit = (await created.json()) as { id: string };
  await admin.close();

  // No reload: the stream tells the open map to refetch.
  await expect.poll(() => markers.count()).toBe(before + 1);
  await expect(page.locator(`.unit-marker[data-unit-id="${unit.id}"]`)).toHaveCount(1);
});

test('an administrator issues an API token for a user, sees it listed, and revokes it', async ({ page, request }) => {
  const name = `e2e-token-${suffix}`;
  await login(page, 'admin');
  await page.getByTestId('nav-admin').click();
  await page.locator('[data-testid="user-row"][data-username="tj.analyst"]').getByTestId('user-tokens').click();
  const panel = page.getByTestId('tokens-panel');
  await expect(panel).toHaveAttribute('data-username', 'tj.analyst');
  await expect(panel.locator('h3')).toHaveText(en.tokens.title.replace('{{username}}', 'tj.analyst'));

  const form = panel.getByTestId('create-token-form');
  await form.locator('[name="name"]').fill(name);
  await form.locator('[name="expiresInDays"]').fill('30');
  await form.getByTestId('create-token-submit').click();
  const secret = (await panel.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^sarhad_[A-Za-z0-9_-]{40,}$/);
  const row = panel.locator(`[data-testid="token-row"][data-token-name="${name}"]`);
  await expect(row).toBeVisible();
  // The list never shows the secret, only the one-time confirmation does.
  await expect(panel.getByTestId('tokens-table')).not.toContainText(secret);

  const me = await request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user.username).toBe('tj.analyst');

  await row.getByTestId('revoke-token').click();
  await expect(panel.getByTestId('token-revoked')).toBeVisible();
  await expect(row).toHaveCount(0);
  const after = await request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});
