import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, SCREEN_DIR, en, login, logout, switchLanguage } from './helpers.ts';
import fa from '../src/web/i18n/locales/fa.ts';

const suffix = Date.now().toString(36);

/** An administrator creates a user through the API (own browser context), so no demo user's password changes. */
async function createUser(browser: Browser, username: string, password: string): Promise<void> {
  const admin = await browser.newContext();
  try {
    const signin = await admin.request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
    expect(signin.ok()).toBe(true);
    const { csrfToken } = (await signin.json()) as { csrfToken: string };
    const agencies = (await (await admin.request.get('/api/agencies')).json()) as { items: { id: string; stateCode: string }[] };
    const agency = agencies.items.find((a) => a.stateCode === 'TJ')!;
    const created = await admin.request.post('/api/users', {
      headers: { 'x-csrf-token': csrfToken },
      data: { username, displayName: `Profile ${username}`, password, roles: ['reporter'], agencyId: agency.id, unitId: null, locale: 'en' },
    });
    expect(created.status()).toBe(201);
  } finally {
    await admin.close();
  }
}

async function openProfile(page: Page): Promise<void> {
  await page.getByTestId('current-user').click();
  await expect(page.getByTestId('profile-page')).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveAttribute('aria-current', 'page');
}

async function createToken(page: Page, name: string): Promise<string> {
  const panel = page.getByTestId('tokens-panel');
  const form = panel.getByTestId('create-token-form');
  await form.locator('[name="name"]').fill(name);
  await form.locator('[name="expiresInDays"]').fill('30');
  await form.getByTestId('create-token-submit').click();
  await expect(panel.getByTestId('create-token-ok')).toBeVisible();
  const secret = (await panel.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^sarhad_[A-Za-z0-9_-]{40,}$/);
  return secret;
}

async function whoIs(request: APIRequestContext, secret: string): Promise<number> {
  return (await request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } })).status();
}

async function changePassword(page: Page, current: string, next: string, repeat = next): Promise<void> {
  const form = page.getByTestId('change-password-form');
  await form.locator('[name="currentPassword"]').fill(current);
  await form.locator('[name="newPassword"]').fill(next);
  await form.locator('[name="repeatPassword"]').fill(repeat);
  await form.getByTestId('change-password-submit').click();
}

test('a user manages their own API tokens on their profile page', async ({ page, request }) => {
  const name = `my-e2e-token-${suffix}`;
  await login(page, 'tj.reporter');
  // tj.reporter's own language is Tajik.
  await switchLanguage(page, 'en');
  await openProfile(page);
  await expect(page.locator('h1')).toHaveText(en.profile.title);
  await expect(page.getByTestId('profile-username')).toHaveText('tj.reporter');
  const panel = page.getByTestId('tokens-panel');
  await expect(panel.locator('h2')).toHaveText(en.profile.tokensTitle);
  // One's own panel has nothing to close.
  await expect(panel.getByTestId('close-tokens')).toHaveCount(0);

  const secret = await createToken(page, name);
  await expect(panel.getByTestId('create-token-ok')).toContainText(en.tokens.created.replace('{{name}}', name));
  const row = panel.locator(`[data-testid="token-row"][data-token-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(en.tokens.never);
  await expect(panel.getByTestId('tokens-table')).not.toContainText(secret);
  expect(await whoIs(request, secret)).toBe(200);

  // Shown once: after a reload the list has the token, nothing has its secret.
  await page.reload();
  await expect(page.getByTestId('profile-page')).toBeVisible();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(secret);

  // Dari: right-to-left, Solar Hijri dates in the list.
  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('h1')).toHaveText(fa.profile.title);
  await expect(row.locator('td').nth(1)).toContainText(/(حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت)/);
  await expect(row.locator('td').nth(1)).toContainText(/[۰-۹]/);
  await page.screenshot({ path: `${SCREEN_DIR}/profile-fa.png`, fullPage: true });
  await switchLanguage(page, 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  await row.getByTestId('revoke-token').click();
  await expect(panel.getByTestId('token-revoked')).toHaveText(en.tokens.revoked.replace('{{name}}', name));
  await expect(row).toHaveCount(0);
  expect(await whoIs(request, secret)).toBe(401);

  // A wrong current password is refused, translated, and the field is marked.
  await changePassword(page, 'not-my-password', 'brand-new-password-1');
  const error = page.getByTestId('change-password-error');
  await expect(error).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await expect(error.locator('p')).toHaveText(en.profile.wrongCurrent);
  await expect(page.locator('[name="currentPassword"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('change-password-ok')).toHaveCount(0);
});

test('a user changes their password: tokens and other sessions end, the new password signs in', async ({ page, browser, request }) => {
  const username = `e2e.profile.${suffix}`;
  const first = 'first-password-123';
  const second = 'second-password-456';
  await createUser(browser, username, first);

  // Another session of the same user, which the change must end.
  const other = await browser.newContext();
  expect((await other.request.post('/api/auth/login', { data: { username, password: first } })).ok()).toBe(true);
  expect((await other.request.get('/api/auth/me')).status()).toBe(200);

  await login(page, username, first);
  await openProfile(page);
  await expect(page.getByTestId('password-note')).toHaveText(en.profile.passwordNote);
  const secret = await createToken(page, 'laptop');
  expect(await whoIs(request, secret)).toBe(200);

  // The repeated password must match (checked before asking the server).
  await changePassword(page, first, second, `${second}x`);
  await expect(page.getByTestId('password-mismatch')).toHaveText(en.profile.mismatch);

  await changePassword(page, first, second);
  await expect(page.getByTestId('change-password-ok')).toHaveText(en.profile.passwordChanged);
  await expect(page.getByTestId('password-mismatch')).toHaveCount(0);
  // The list is read again: the token died with the old password, and its secret is gone.
  await expect(page.getByTestId('tokens-table')).toContainText(en.tokens.empty);
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  expect(await whoIs(request, secret)).toBe(401);
  expect((await other.request.get('/api/auth/me')).status()).toBe(401);
  await other.close();
  // This session stays.
  await page.reload();
  await expect(page.getByTestId('profile-page')).toBeVisible();

  await logout(page);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(first);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-error-code', 'INVALID_CREDENTIALS');
  await login(page, username, second);
  await expect(page.getByTestId('current-user')).toHaveText(`Profile ${username}`);
});

test('guessing the current password is rate limited, with the wait shown', async ({ page, browser }) => {
  const username = `e2e.guess.${suffix}`;
  await createUser(browser, username, 'right-password-123');
  await login(page, username, 'right-password-123');
  await openProfile(page);
  const error = page.getByTestId('change-password-error');
  let code: string | null = null;
  for (let i = 0; i < 8 && code !== 'RATE_LIMITED'; i++) {
    await changePassword(page, `guess-${i}-wrong`, 'brand-new-password-1');
    await expect(error).toBeVisible();
    await expect(page.getByTestId('change-password-submit')).toBeEnabled();
    code = await error.getAttribute('data-error-code');
  }
  expect(code).toBe('RATE_LIMITED');
  await expect(error.locator('p')).toHaveText(/^Too many attempts\. Try again in \d+ s\.$/);
});
