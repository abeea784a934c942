import { expect, test, type Page } from '@playwright/test';
import { en, login, loginIn, logout } from './helpers.ts';

// The rules and markets editor of the customs workspace (docs/trade.md): the customs risk analyst
// writes a rule in the form, customs lodge a declaration, the declaration goes to the rule's lane.

const uniq = () => Math.random().toString(36).slice(2, 8);

async function lodge(page: Page, trader: string, ref: string, expectedArrival: string) {
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const units = ((await (await page.request.get('/api/units?kind=crossing_point')).json()) as { items: { id: string; ref: string }[] }).items;
  const id = (r: string) => units.find((u) => u.ref === r)!.id;
  return page.request.post('/api/declarations', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      ref,
      type: 'export',
      consignor: { name: 'Editor Test Trading LLC', id: trader, country: 'TJ' },
      consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
      items: [{ hsCode: '2523.29', description: 'Portland cement in bags', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ' }],
      vehicle: { plate: '4471 TJ 03', nationality: 'TJ' },
      seals: ['S-1001'],
      route: ['Dushanbe', 'Panji Poyon', 'Sher Khan Bandar', 'Kunduz'],
      exitPointId: id('tj-bcp-panji-poyon'),
      entryPointId: id('af-bcp-sher-khan-bandar'),
      destinationState: 'AF',
      expectedArrival,
    },
  });
}

test('the analyst creates a selectivity rule in the editor and a declaration lodged afterwards is routed by it', async ({ page }) => {
  const trader = `TJ-TIN-E2E-${uniq()}`;
  const name = `E2E red for ${trader}`;
  await loginIn(page, 'tj.analyst', 'en');
  await page.getByTestId('nav-customs').click();
  const editor = page.getByTestId('rules-editor');
  await expect(editor.getByRole('heading', { level: 2 })).toHaveText(en.tradeEditor.rulesTitle);

  // A rule without any condition is refused with the stable code, pointing at the conditions.
  await editor.getByTestId('rule-new').click();
  const form = editor.getByTestId('rule-form');
  await form.locator('[name="name"]').fill(name);
  await form.getByTestId('rule-save').click();
  await expect(editor.getByTestId('rule-error')).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await expect(editor.getByTestId('rule-error').locator('[data-field="when"]')).toBeVisible();

  // The real rule: this trader's declarations go to red, all of them.
  await form.locator('[name="lane"]').selectOption('red');
  await form.locator('[name="rate"]').fill('100');
  await form.locator('[name="traders"]').fill(trader);
  await form.getByTestId('rule-save').click();
  await expect(editor.getByTestId('rule-saved')).toBeVisible();
  const row = editor.locator('[data-testid="rule-row"]', { hasText: name });
  await expect(row).toHaveAttribute('data-active', 'true');
  await expect(row).toContainText(trader);
  await expect(row.locator('.lane-badge')).toHaveText(en.trade.lanes.red);
  const ruleId = await row.getAttribute('data-rule-id');
  await logout(page);

  // Customs lodge a declaration of that trader, expected today when the crossing is open.
  await login(page, 'tj.customs');
  const ref = `TJ-EXP-E2E-${uniq()}`;
  const today = new Date();
  let res = await lodge(page, trader, ref, new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12)).toISOString());
  const closedToday = res.status() === 409;
  if (closedToday) {
    // Friday or Sunday: one side is closed. Lodge for the next Monday; the lane is in the answer.
    const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ((8 - today.getUTCDay()) % 7 || 7), 10));
    res = await lodge(page, trader, ref, monday.toISOString());
  }
  expect(res.status(), await res.text()).toBe(201);
  const declaration = (await res.json()) as { lane: string; laneRules: string[] };
  expect(declaration.lane).toBe('red');
  expect(declaration.laneRules).toContain(ruleId);

  if (!closedToday) {
    // The officer sees it among today's arrivals at Panji Poyon, red, with the rule that fired.
    await page.getByTestId('nav-customs').click();
    const arrival = page.locator('[data-testid="arrival-row"]', { hasText: ref });
    await expect(arrival).toHaveAttribute('data-lane', 'red');
    await expect(arrival.locator('.lane-badge')).toHaveText(en.trade.lanes.red);
    await expect(arrival.locator('.lane-badge')).toHaveAttribute('title', new RegExp(ruleId!));
  }
  // Customs officers do not get the editor.
  await expect(page.getByTestId('rules-editor')).toHaveCount(0);
  await logout(page);

  // The analyst switches the rule off: it stays listed, off.
  await login(page, 'tj.analyst');
  await page.getByTestId('nav-customs').click();
  const again = page.locator(`[data-testid="rule-row"][data-rule-id="${ruleId}"]`);
  await again.getByTestId('rule-toggle').click();
  await expect(again).toHaveAttribute('data-active', 'false');
  await logout(page);
});

test('the administrator adds a border market in the editor and switches it off', async ({ page }) => {
  const ref = `e2e-bazaar-${uniq()}`;
  await login(page, 'admin');
  await page.getByTestId('nav-customs').click();
  const editor = page.getByTestId('markets-editor');
  await editor.getByTestId('market-new').click();
  const form = editor.getByTestId('market-form');
  await form.locator('[name="ref"]').fill(ref);
  await form.locator('[name="name.en"]').fill('E2E bazaar');
  await form.locator('[name="opens"]').fill('15:00');
  await form.locator('[name="closes"]').fill('09:00');
  await form.getByTestId('market-save').click();
  await expect(editor.getByTestId('market-error')).toHaveAttribute('data-error-code', 'VALIDATION_FAILED');
  await form.locator('[name="opens"]').fill('08:00');
  await form.locator('[name="closes"]').fill('13:00');
  await form.getByTestId('market-save').click();
  const row = editor.locator(`[data-testid="market-row"][data-ref="${ref}"]`);
  await expect(row).toHaveAttribute('data-active', 'true');
  await expect(row).toContainText('08:00–13:00');
  await row.getByTestId('market-toggle').click();
  await expect(row).toHaveAttribute('data-active', 'false');
  // The administrator's header wraps at 1366 px and its second line sits under the page title,
  // which takes the pointer: sign out by the button's own click event.
  await page.getByTestId('logout').dispatchEvent('click');
  await expect(page.getByTestId('login-form')).toBeVisible();
});
