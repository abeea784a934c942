import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { FakePeer } from './federation-peer.ts';
import { SCREEN_DIR, en, login, switchLanguage } from './helpers.ts';

// The demo node's own records that a peer may be sent (registry and alerts, seeded by the demo).
const TYPES = ['alert', 'unit', 'section', 'warning'];

/**
 * #/federation (issue #9): an administrator sees each peer node with its health badge, records
 * per type as SVG bars and refusals per reason; the page is right-to-left in Dari and fits a
 * 390 px phone; a user who is not an administrator has neither the link nor the page.
 */
test('an administrator sees a peer with its health badge, bars per type and refusals; in Dari it reads right to left', async ({ page, request }) => {
  await login(page, 'admin');
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const peer = new FakePeer(request);
  await peer.register(page.request, csrfToken, TYPES);
  const { envelopes, feed } = await peer.pullOnce(TYPES);
  expect(envelopes.length).toBeGreaterThan(0);
  // The same signed request again (a replay), and a node the demo does not know.
  expect((await peer.post('/api/federation/feed', JSON.parse(feed.text) as object, { headers: feed.headers })).body).toMatchObject({ error: { code: 'REQUEST_REPLAYED' } });
  expect((await peer.post('/api/federation/feed', { limit: 1, agreement: {} }, { asNode: 'e2e-stranger' })).body).toMatchObject({ error: { code: 'PEER_UNKNOWN' } });

  await page.getByTestId('nav-federation').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.federation.title);
  const card = page.locator(`[data-testid="peer-card"][data-peer="${peer.name}"]`);
  await expect(card).toBeVisible();
  // Reached by its signed calls, refused one of them: degraded, with the reason spelled out.
  const badge = card.getByTestId('health-badge');
  await expect(badge).toHaveAttribute('data-health', 'degraded');
  await expect(badge).toContainText(en.federation.health.degraded);
  await expect(card.getByTestId('health-reasons').locator('[data-reason="RECENT_REFUSALS"]')).toBeVisible();
  // Records sent per type, as SVG bars, counted from the receipt the peer signed.
  const sentTypes = [...new Set(envelopes.map((e) => e.type))];
  for (const type of sentTypes) {
    const bar = card.locator(`[data-testid="type-bar"][data-type="${type}"]`);
    await expect(bar).toHaveAttribute('data-sent', String(envelopes.filter((e) => e.type === type).length));
    await expect(bar.locator('svg rect.bar-sent')).toHaveAttribute('width', /^[1-9]/);
  }
  await expect(card.getByTestId('refusal-codes').locator('[data-code="REQUEST_REPLAYED"]')).toHaveAttribute('data-count', '1');
  await expect(card.getByTestId('peer-fingerprint')).toHaveText(/^SHA256:[A-Za-z0-9+/]{43}$/);
  await expect(page.getByTestId('unknown-callers').locator('[data-node="e2e-stranger"]')).toBeVisible();

  // Polled every 5 s: the figures are refreshed in place (the card stays, no loading state).
  const first = await page.getByTestId('federation-updated').getAttribute('data-at');
  await expect(page.getByTestId('federation-updated')).not.toHaveAttribute('data-at', first!, { timeout: 12_000 });
  await expect(card).toBeVisible();

  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fa.federation.title);
  await expect(badge).toContainText(fa.federation.health.degraded);
  // The bars grow from the right: the SVG (which holds no text) is mirrored.
  const transform = await card.locator('[data-testid="type-bar"] svg').first().evaluate((el) => getComputedStyle(el).transform);
  expect(transform).toMatch(/^matrix\(-1, 0, 0, 1/);
  const cardBox = await card.boundingBox();
  const badgeBox = await badge.boundingBox();
  // In RTL the badge sits at the card's left end (the end of the reading line).
  expect(badgeBox!.x).toBeLessThan(cardBox!.x + cardBox!.width / 2);

  // A 390 px phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => document.querySelector('[data-testid="federation-page"]')!.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = await card.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREEN_DIR}/federation-fa-390.png` });
});

test('a user who is not an administrator has no federation link or page, and the API refuses', async ({ page }) => {
  await login(page, 'tj.analyst');
  await expect(page.getByTestId('nav-alerts')).toBeVisible();
  await expect(page.getByTestId('nav-federation')).toHaveCount(0);
  await page.goto('/#/federation');
  await expect(page.getByTestId('app-header')).toBeVisible();
  await expect(page.getByTestId('federation-page')).toHaveCount(0);
  const res = await page.request.get('/api/federation/status');
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
});
