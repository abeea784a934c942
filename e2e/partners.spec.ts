import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { login, switchLanguage } from './helpers.ts';

async function sheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Initiatives');
  ws.addRow(['Ref', 'Partner', 'Title', 'State', 'Beneficiary agencies', 'Locations', 'Start', 'End', 'Budget', 'Currency', 'Status', 'Outputs']);
  ws.addRow([`E2E-${Date.now()}`, 'OSCE', 'Patrol leadership (browser test)', 'TJ', 'tj-border-troops', 'tj-post-vrang', '2026-01-10', '2026-12-31', 50000, 'EUR', 'ongoing', 'Course']);
  ws.addRow(['E2E-BAD', 'OSCE', 'Bad currency', 'TJ', '', '', '2026-01-10', '', 1, 'XYZ', 'ongoing', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('partners page: who does what where, the gaps, an import with its row report, then the tracker', async ({ page }) => {
  await login(page, 'tj.commander');
  await switchLanguage(page, 'en');
  await page.getByTestId('nav-partners').click();
  await expect(page.getByTestId('partners-page')).toBeVisible();
  // The seeded partners of the 2012 conference, illustrative.
  await expect(page.getByTestId('partners-table')).toContainText('MISSION_EAST');
  await expect(page.getByTestId('initiative-EU-BOMCA-9')).toContainText('Border Management Programme in Central Asia');
  // The gaps: a post without a vehicle, no helicopter on either side.
  const gaps = page.getByTestId('gaps');
  await expect(gaps.getByTestId('gap-post-without-vehicle-tj-post-zorkul')).toContainText('Post without a vehicle');
  await expect(gaps.getByTestId('gap-state-without-helicopter-TJ')).toBeVisible();
  await expect(gaps.getByTestId('gap-state-without-helicopter-AF')).toBeVisible();
  await expect(page.getByTestId('partners-by-location')).toContainText('Panji Poyon');

  // Import a partner sheet: the good row lands in the table, the bad one is reported by row and code.
  await page.getByTestId('partners-import-file').setInputFiles({ name: 'osce.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sheet() });
  await page.getByTestId('partners-import').click();
  const report = page.getByTestId('partners-import-report');
  await expect(report).toContainText('1 created');
  await expect(report).toContainText('Not an ISO 4217 currency');
  await expect(page.getByTestId('initiatives-table')).toContainText('Patrol leadership (browser test)');
  await expect(page.getByTestId('partners-export-xlsx')).toHaveAttribute('href', '/api/initiatives/export.xlsx');

  // The tracker: indicators with sparklines, the 2012 items, the late helicopter action, the report.
  await page.getByTestId('nav-recommendations').click();
  await expect(page.getByTestId('recommendations-page')).toBeVisible();
  await expect(page.getByTestId('indicator-trainings-delivered').locator('svg.partners-sparkline')).toBeVisible();
  await expect(page.getByTestId('recommendation-dushanbe-2012.lesson-3')).toContainText('no helicopters are available');
  await expect(page.getByTestId('late-dushanbe-2012.lesson-3-helicopter')).toBeVisible();
  const href = await page.getByTestId('progress-report-html').getAttribute('href');
  expect(href).toBe('/api/reports/progress?lang=en&format=html');
  const html = await (await page.request.get(href!)).text();
  expect(html).toContain('<svg class="chart"');

  // In Dari the page reads right to left and the report link follows the language.
  await switchLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('پیگیری توصیه‌ها');
  await expect(page.getByTestId('progress-report-pdf')).toHaveAttribute('href', '/api/reports/progress?lang=fa&format=pdf');
});

test('a partner observer reads the partners page and the tracker but has no import', async ({ page }) => {
  await login(page, 'partner.observer');
  await switchLanguage(page, 'en');
  await page.goto('/#/partners');
  await expect(page.getByTestId('gaps')).toBeVisible();
  await expect(page.getByTestId('partners-import')).toHaveCount(0);
  await page.goto('/#/recommendations');
  await expect(page.getByTestId('recommendations')).toContainText('Report to the Japan–EU Senior Officials’ Meeting');
});
