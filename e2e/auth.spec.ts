import { expect, test } from '@playwright/test';
import ru from '../src/web/i18n/locales/ru.ts';
import { DEMO_PASSWORD, en, login, logout, switchLanguage } from './helpers.ts';

test('a wrong password shows a translated error, the right one signs in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.locator('#login-username').fill('admin');
  await page.locator('#login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await expect(error).toHaveAttribute('data-error-code', 'INVALID_CREDENTIALS');
  await expect(error).toHaveText(en.errors.INVALID_CREDENTIALS);

  // The same error, shown in the language chosen on the login page.
  await switchLanguage(page, 'ru');
  await expect(error).toHaveText(ru.errors.INVALID_CREDENTIALS);
  await expect(page.getByTestId('login-submit')).toHaveText(ru.login.submit);

  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('app-header')).toBeVisible();
  await expect(page.getByTestId('nav-map')).toHaveText(ru.nav.map);
  await expect(page.getByTestId('nav-admin')).toHaveText(ru.nav.admin);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');

  await logout(page);
});

test('the session survives a reload and ends with logout', async ({ page }) => {
  await login(page, 'admin');
  await page.reload();
  await expect(page.getByTestId('app-header')).toBeVisible();
  await logout(page);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
  await page.reload();
  await expect(page.getByTestId('login-form')).toBeVisible();
});

test('a non-administrator sees no Administration and the API refuses users', async ({ page }) => {
  await login(page, 'tj.reporter');
  await expect(page.getByTestId('nav-map')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);

  const res = await page.request.get('/api/users');
  expect(res.status()).toBe(403);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe('FORBIDDEN');

  // Typing the address of the admin page does not show it either.
  await page.goto('/#/admin');
  await expect(page.getByTestId('border-map')).toBeVisible();
  await expect(page.getByTestId('admin-page')).toHaveCount(0);
});
