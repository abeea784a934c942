import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, SCREEN_DIR, en, login, switchLanguage } from './helpers.ts';

type Level = 'low' | 'medium' | 'high' | 'critical';

async function signedIn(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: 'post', url: string, data: unknown, headers: Record<string, string> = {}) => request[method](url, { data, headers: { 'x-csrf-token': csrfToken, ...headers } });
}

test('the map is coloured by the assessments and a newly published event that changes a level recolours it live', async ({ page, playwright, baseURL }) => {
  await login(page, 'tj.analyst');
  await switchLanguage(page, 'en');
  const lines = page.locator('path.section-line');
  await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(20);

  // every section line carries the level GET /api/assessments/current gives, which is the latest snapshot of GET /api/assessments
  const current = (await (await page.request.get('/api/assessments/current')).json()) as { items: { sectionId: string; sectionRef: string; assessment: { level: Level } }[] };
  const history = (await (await page.request.get('/api/assessments')).json()) as { items: { sectionId: string; level: Level }[] };
  const latest = new Map<string, Level>();
  for (const s of history.items) latest.set(s.sectionId, s.level);
  expect(current.items.length).toBeGreaterThanOrEqual(20);
  for (const s of current.items) {
    expect(latest.get(s.sectionId)).toBe(s.assessment.level);
    await expect(page.locator(`path.section-line[data-section-id="${s.sectionId}"]`)).toHaveAttribute('data-impact', s.assessment.level);
  }

  // a quiet section: a graded-A1 armed incident on its line (score ≥ 15 anywhere), reported, validated and published by others
  const quiet = current.items.find((s) => s.assessment.level === 'low');
  expect(quiet, 'a section at low').toBeTruthy();
  const sections = (await (await page.request.get('/api/sections')).json()) as { features: { id: string; geometry: { coordinates: [number, number][] } }[] };
  const line = sections.features.find((f) => f.id === quiet!.sectionId)!.geometry.coordinates;
  const [lon, lat] = line[Math.floor(line.length / 2)]!;
  const reporterCtx = await playwright.request.newContext({ baseURL });
  const validatorCtx = await playwright.request.newContext({ baseURL });
  const asReporter = await signedIn(reporterCtx, 'tj.reporter');
  const asValidator = await signedIn(validatorCtx, 'tj.validator');
  let level: Level = 'low';
  {
    const i = 0;
    const created = await asReporter('post', '/api/events', {
      category: 'armed_incident',
      severity: 'critical',
      occurredAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      location: { lat, lon },
      narrative: { text: 'Exchange of fire with an armed group crossing the river.', lang: 'en' },
      grading: { reliability: 'A', credibility: 1 },
      submit: true,
    });
    expect(created.status(), await created.text()).toBe(201);
    const e = (await created.json()) as { id: string; properties: { version: number; sectionId: string } };
    expect(e.properties.sectionId).toBe(quiet!.sectionId);
    expect((await asValidator('post', `/api/events/${e.id}/validate`, {}, { 'if-match': `"${e.properties.version}"` })).status()).toBe(200);
    expect((await asValidator('post', `/api/events/${e.id}/publish`, {}, { 'if-match': `"${e.properties.version + 1}"` })).status()).toBe(200);
    await expect
      .poll(async () => {
        const now = (await (await page.request.get('/api/assessments/current')).json()) as typeof current;
        level = now.items.find((s) => s.sectionId === quiet!.sectionId)!.assessment.level;
        return level;
      })
      .not.toBe('low');
  }
  expect(level).not.toBe('low');
  // no reload: the line's colour follows the live stream, and a notice names the change
  await expect(page.locator(`path.section-line[data-section-id="${quiet!.sectionId}"]`)).toHaveAttribute('data-impact', level);
  await expect(page.getByTestId('risk-notice').first()).toBeVisible();
  await page.screenshot({ path: `${SCREEN_DIR}/risk-map-live.png` });
  await reporterCtx.dispose();
  await validatorCtx.dispose();

  // the threat levels page explains it in the reader's language
  await page.getByTestId('nav-risk').click();
  const row = page.locator(`[data-testid="risk-row"][data-section="${quiet!.sectionId}"]`);
  await expect(row).toHaveAttribute('data-level', level);
  await expect(row.getByTestId('risk-explanation')).toContainText(en.risk.category.armed_incident);
  await expect(row.getByTestId('risk-sparkline')).toBeVisible();
  await page.screenshot({ path: `${SCREEN_DIR}/risk-page-en.png` });

  // an analyst's override shows next to the computed level
  await row.getByTestId('risk-override-open').click();
  await row.getByTestId('risk-override-level').selectOption('critical');
  await row.getByTestId('risk-override-reason').fill('Armed group expected to cross again tonight');
  await row.getByTestId('risk-override-submit').click();
  await expect(row).toHaveAttribute('data-level', 'critical');
  await expect(row.getByTestId('risk-computed')).toBeVisible();

  // the printable daily report, in Dari (right to left)
  await page.getByTestId('risk-report-link').click();
  await expect(page.getByTestId('report-border')).toBeVisible();
  await page.getByTestId('language-switcher').first().selectOption('fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('risk-report')).toContainText('گزارش روزانهٔ وضعیت');
  await page.screenshot({ path: `${SCREEN_DIR}/risk-report-fa.png`, fullPage: true });
});
