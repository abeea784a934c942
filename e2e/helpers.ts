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

export interface PersonAlertInput {
  name: string;
  reason: string;
  action?: 'arrest' | 'deny_entry' | 'discreet_check' | 'inform_owner';
  tlp?: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
  birthDate?: string;
  nationality?: string;
}

/** On the Alerts page, create a person alert through the form and wait for the confirmation. */
export async function createPersonAlert(page: Page, a: PersonAlertInput): Promise<void> {
  await page.getByTestId('nav-alerts').click();
  const form = page.getByTestId('create-alert-form');
  await expect(form).toBeVisible();
  await form.getByTestId('alert-kind-person').check();
  await form.locator('[name="names.0.name"]').fill(a.name);
  if (a.birthDate) {
    await form.getByTestId('add-birthdate').click();
    await form.locator('[name="birthDates.0.date"]').fill(a.birthDate);
  }
  if (a.nationality) await form.locator(`input[name="nationalities"][value="${a.nationality}"]`).check();
  await form.locator('[name="reason"]').fill(a.reason);
  await form.locator('[name="action"]').selectOption(a.action ?? 'arrest');
  await form.locator(`input[name="tlp"][value="${a.tlp ?? 'AMBER'}"]`).check();
  await form.getByTestId('create-alert-submit').click();
  await expect(page.getByTestId('create-alert-ok')).toBeVisible();
}

/** On the Alerts page, create a vehicle alert through the form. */
export async function createVehicleAlert(page: Page, plate: string, reason: string, action = 'deny_entry'): Promise<void> {
  await page.getByTestId('nav-alerts').click();
  const form = page.getByTestId('create-alert-form');
  await form.getByTestId('alert-kind-vehicle').check();
  await form.locator('[name="plate"]').fill(plate);
  await form.locator('[name="description"]').fill('Toyota Land Cruiser, white');
  await form.locator('[name="reason"]').fill(reason);
  await form.locator('[name="action"]').selectOption(action);
  await form.getByTestId('create-alert-submit').click();
  await expect(page.getByTestId('create-alert-ok')).toBeVisible();
}

/** Sign in, then show the UI in `code` (demo users have their own languages). */
export async function loginIn(page: Page, username: string, code: string): Promise<void> {
  await login(page, username);
  await switchLanguage(page, code);
  await expect(page.locator('html')).toHaveAttribute('lang', code === 'fa' ? 'fa-AF' : code);
}
