import { expect, test } from '@playwright/test';
import fa from '../src/web/i18n/locales/fa.ts';
import { SCREEN_DIR, en, login, switchLanguage } from './helpers.ts';

type Unit = { id: string; ref: string };
type MapAnswer = { features: { id: string; properties: { count: number; initiatives: { partner: string; title: string }[] } }[] };

test('initiatives on the map: from a place on the partners page to its popup, the layer toggle, Enter on a marker, RTL', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await login(page, 'partner.observer');
  await switchLanguage(page, 'en');
  const units = ((await (await page.request.get('/api/units')).json()) as { items: Unit[] }).items;
  const blo = units.find((u) => u.ref === 'tj-blo-panji-poyon')!;
  const answer = (await (await page.request.get('/api/initiatives/map')).json()) as MapAnswer;

  // The partners page links each initiative's place to the map.
  await page.goto('/#/partners');
  const row = page.getByTestId('initiative-EU-BOMCA-9');
  await expect(row).toBeVisible();
  const link = row.getByTestId(`place-link-${blo.id}`);
  await expect(link).toHaveAttribute('href', `#/map/initiatives/${blo.id}`);
  await link.click();

  // The map opens with the layer on, focused on the place, its popup listing both initiatives there.
  await expect(page.getByTestId('map-page')).toBeVisible();
  await expect(page.getByTestId('layer-toggle-initiatives')).toBeChecked();
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup).toContainText('Border Management Programme in Central Asia, phase 9');
  await expect(popup).toContainText('EU');
  await expect(popup).toContainText('UNODC');
  await expect(popup).toContainText(en.partners.statuses.ongoing);
  await expect(popup).toContainText(en.partners.period);
  await expect(popup).toContainText('6,000,000 EUR');
  await expect(page.locator('.initiative-marker')).toHaveCount(answer.features.length);
  await expect(page.locator(`.initiative-marker[data-place-id="${blo.id}"] .initiative-badge`)).toHaveText('2');
  await page.screenshot({ path: `${SCREEN_DIR}/initiatives-map-en.png` });

  // Off: the markers go and the address forgets the place; on again: one marker per place.
  await page.getByTestId('layer-toggle-initiatives').uncheck();
  await expect(page.locator('.initiative-marker')).toHaveCount(0);
  await expect(popup).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('#/map');
  await page.getByTestId('layer-toggle-initiatives').check();
  await expect(page.locator('.initiative-marker')).toHaveCount(answer.features.length);
  await expect(popup).toHaveCount(0);

  // By keyboard: a marker takes focus, Enter opens its popup.
  const other = answer.features.find((f) => f.id !== blo.id && f.properties.count === 1)!;
  const marker = page.locator(`.initiative-marker[data-place-id="${other.id}"]`);
  await marker.focus();
  await expect(marker).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(popup).toContainText(other.properties.initiatives[0]!.title);

  // Dari: right to left, the popup and the layer control in Dari.
  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('map-layer-control')).toContainText(fa.map.initiatives.layer);
  await page.goto(`/#/map/initiatives/${blo.id}`);
  // (the English popup fades out for 200 ms: look for the Dari one)
  const rtlPopup = page.locator('.initiatives-popup-body[dir="rtl"]');
  await expect(rtlPopup).toContainText(fa.partners.statuses.ongoing);
  await expect(rtlPopup).toContainText('Border Management Programme in Central Asia, phase 9');
  await expect(rtlPopup).toContainText(fa.map.initiatives.count.replace('{{n}}', '۲'));
  await page.screenshot({ path: `${SCREEN_DIR}/initiatives-map-fa.png` });
  // badges are placed and fanned through the CSSOM: the strict CSP holds with the layer on
  expect(violations).toEqual([]);
});
