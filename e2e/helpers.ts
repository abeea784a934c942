import { expect, type Page } from '@playwright/test';
import en from '../src/web/i18n/locales/en.ts';

export const DEMO_PASSWORD = process.env.SARHAD_DEMO_PASSWORD ?? 'demo-pass-123';
export const SCREEN_DIR = '.tmp/screens';

/** Open the app and sign in through the login form. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('login-form')).toBeVisible();
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('app-header')).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
}

export async function switchLanguage(page: Page, code: string): Promise<void> {
  await page.getByTestId('language-switcher').first().selectOption(code);
}

export { en };
