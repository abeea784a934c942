import { expect, request as apiRequest, test } from '@playwright/test';
import { DEMO_PASSWORD, en, login, switchLanguage } from './helpers.ts';

const BASE = `http://127.0.0.1:${process.env.SARHAD_E2E_PORT ?? 8787}`;
// A real 1×1 JPEG (JFIF) and PNG.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A Windows executable named like a photo. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(2000, 0x90)]);

async function eventWithNarrative(tag: string): Promise<{ ids: string[]; attachments: { fileName: string; size: number; mediaType: string }[] }> {
  const api = await apiRequest.newContext({ baseURL: BASE });
  const res = await api.post('/api/auth/login', { data: { username: 'tj.reporter', password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  const all = (await (await api.get('/api/events?status=all&limit=10000')).json()) as { features: { id: string; properties: { narrative: { text: string } } }[] };
  const ids = all.features.filter((f) => f.properties.narrative.text.startsWith(tag)).map((f) => f.id);
  const attachments = ids.length === 1 ? ((await (await api.get(`/api/events/${ids[0]}/attachments`)).json()) as { items: { fileName: string; size: number; mediaType: string }[] }).items : [];
  await api.dispose();
  return { ids, attachments };
}

async function openForm(page: import('@playwright/test').Page, tag: string) {
  await login(page, 'tj.reporter');
  await switchLanguage(page, 'en');
  await page.goto('/#/events');
  await expect(page.getByTestId('events-page')).toBeVisible();
  await page.getByTestId('report-open').click();
  const form = page.getByTestId('report-form');
  await form.locator('select[name="category"]').selectOption('smuggling_narcotics');
  await form.locator('input[name="lat"]').fill('37.205');
  await form.locator('input[name="lon"]').fill('68.61');
  await form.locator('textarea[name="narrative"]').fill(`${tag}: courier stopped, bag photographed`);
  return form;
}

test('photos taken with the link down are kept on the device with the report and sent once, with it, when the link returns', async ({ browser }) => {
  test.setTimeout(150_000);
  const tag = `offline-photos-${Date.now()}`;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const form = await openForm(page, tag);
  await form.getByTestId('report-photos').setInputFiles([
    { name: 'bag.jpg', mimeType: 'image/jpeg', buffer: JPEG },
    { name: 'boat.png', mimeType: 'image/png', buffer: PNG },
  ]);
  await expect(form.getByTestId('report-photo')).toHaveCount(2);

  await ctx.setOffline(true);
  await form.getByTestId('report-send').click();
  await expect(form.getByTestId('report-queued')).toBeVisible();
  await expect(form.getByTestId('report-queued')).toContainText(en.situation.photoQueued.replace('{{n}}', '2'));
  // the report and both photos are in IndexedDB, as files
  const stored = await page.evaluate(
    () =>
      new Promise<{ reports: number; photos: number; bytes: number }>((resolve) => {
        const open = indexedDB.open('sarhad-outbox');
        open.onsuccess = () => {
          const req = open.result.transaction('reports').objectStore('reports').getAll();
          req.onsuccess = () => {
            const rows = req.result as { photos?: { blob: Blob }[] }[];
            const photos = rows.flatMap((r) => r.photos ?? []);
            resolve({ reports: rows.length, photos: photos.length, bytes: photos.reduce((s, p) => s + p.blob.size, 0) });
          };
        };
      }),
  );
  expect(stored).toEqual({ reports: 1, photos: 2, bytes: JPEG.length + PNG.length });
  expect((await eventWithNarrative(tag)).ids).toHaveLength(0);

  // the link returns: the report goes, then its photos; nothing waits any more
  await ctx.setOffline(false);
  await expect(page.getByTestId('outbox-pending')).toHaveCount(0, { timeout: 45_000 });
  await expect.poll(async () => (await eventWithNarrative(tag)).attachments.length, { timeout: 20_000 }).toBe(2);
  const { ids, attachments } = await eventWithNarrative(tag);
  expect(ids).toHaveLength(1);
  expect(attachments.map((a) => [a.fileName, a.size, a.mediaType]).sort()).toEqual([
    ['bag.jpg', JPEG.length, 'image/jpeg'],
    ['boat.png', PNG.length, 'image/png'],
  ]);
  // a later flush sends nothing again
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(1500);
  expect((await eventWithNarrative(tag)).attachments).toHaveLength(2);
  await ctx.close();
});

test('online: the report goes with its photo; a program disguised as a photo is refused by name and the rest is kept', async ({ browser }) => {
  test.setTimeout(90_000);
  const tag = `online-photos-${Date.now()}`;
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const form = await openForm(page, tag);
  await form.getByTestId('report-photos').setInputFiles([
    { name: 'river.jpg', mimeType: 'image/jpeg', buffer: JPEG },
    { name: 'evil.jpg', mimeType: 'image/jpeg', buffer: EXE },
  ]);
  await expect(form.getByTestId('report-photo')).toHaveCount(2);
  await form.getByTestId('report-send').click();
  await expect(form.getByTestId('photo-refused')).toHaveCount(1, { timeout: 20_000 });
  await expect(form.getByTestId('photo-refused')).toContainText('evil.jpg');
  const { ids, attachments } = await eventWithNarrative(tag);
  expect(ids).toHaveLength(1);
  expect(attachments.map((a) => a.fileName)).toEqual(['river.jpg']);
  await expect(page.getByTestId('outbox-pending')).toHaveCount(0);
  await ctx.close();
});
