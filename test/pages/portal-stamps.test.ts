import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, products, stampBatches, stampPinFiles, stamps } from '../../db/schema';
import { signPrintLink } from '../../worker/crypto/print-link';
import { verifyPin } from '../../worker/crypto/pin';
import { currentPinKey } from '../../worker/config';
import { STAMP_SHEET_PRESETS } from '../../worker/print/stamp-sheet';
import { loadPdfJs, readPdfPages } from '../print/read-pdf';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';
import { postForm, signedIn } from '../support/portal';
import { batchFor, lotFor, memberWithLot } from '../support/portal-stamps';

const SERIAL = /\b[0-9A-HJKMNP-TV-Z]{12}\b/g;

/** Issues a batch through the form, as a producer would, and answers its id. */
async function issue(browser: BrowserSession, lotId: number, fields: Record<string, string>) {
  const response = await postForm(browser, `/portal/lots/${lotId}/stamp-batches`, {
    sheetPreset: 'a4-40',
    ...fields,
  });
  expect(response.status, await response.clone().text()).toBe(303);
  const location = response.headers.get('location')!;
  return Number(/\/portal\/stamp-batches\/(\d+)\?issued=/.exec(location)![1]);
}

const batchPage = async (browser: BrowserSession, batchId: number) =>
  (await browser.request(`/portal/stamp-batches/${batchId}`)).text();

/** The download links a batch page offers, in page order. */
const fileLinks = (html: string) =>
  [...html.matchAll(/href="(\/portal\/stamp-batches\/\d+\/files\/[^"]+)"/g)].map((match) =>
    match[1]!.replaceAll('&amp;', '&'),
  );

const linkTo = (html: string, file: string) => {
  const link = fileLinks(html).find((href) => href.includes(`/files/${file}?`));
  if (!link) throw new Error(`no link to ${file}`);
  return link;
};

const storedStamps = (batchId: number) =>
  testDb().select().from(stamps).where(eq(stamps.batchId, batchId)).orderBy(stamps.id);

const pinFiles = (batchId: number) => testDb().select().from(stampPinFiles).where(eq(stampPinFiles.batchId, batchId));

const pdfSerials = async (bytes: Uint8Array) =>
  (await readPdfPages(bytes)).flat().flatMap((item) => item.text.match(SERIAL) ?? []);

describe('issuing a stamp batch from the portal', () => {
  beforeAll(() => loadPdfJs(), 60_000);

  it('issues stamps with PINs on the chosen sheet, keeps the PINs in R2 and prints each serial once', async () => {
    const { browser, lotId, product, user } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '10', withPin: '1', sheetPreset: 'a4-40' });

    const [batch] = await testDb().select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch).toMatchObject({
      quantity: 10,
      withPin: true,
      issuedBy: user.id,
      sheetPreset: 'a4-40',
      sheetLayout: STAMP_SHEET_PRESETS['a4-40'],
    });
    // The product has no GTIN, so its stamps print the trace code it was given now.
    const [row] = await testDb().select().from(products).where(eq(products.id, product.id));
    expect(row!.traceCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const [pinFile] = await pinFiles(batchId);
    expect(pinFile).toMatchObject({ firstSheet: 1, lastSheet: 1 });
    expect(await env.MEDIA.get(pinFile!.objectKey)).not.toBeNull();

    const html = await (await browser.request(`/portal/stamp-batches/${batchId}?issued=10`)).text();
    expect(html).toContain('Đã phát hành 10 tem');
    const pdf = await browser.request(linkTo(html, 'part-1.pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const printed = await pdfSerials(bytes);
    const issued = (await storedStamps(batchId)).map((stamp) => stamp.serial);
    expect(printed.sort()).toEqual([...issued].sort());

    // Each PIN on the sheet is the one whose HMAC the stamp row keeps.
    const text = (await readPdfPages(bytes)).flat().map((item) => item.text);
    const key = currentPinKey(env);
    const rows = await storedStamps(batchId);
    const pins = text.filter((item) => /^[0-9A-HJKMNP-TV-Z]{8}$/.test(item));
    expect(pins).toHaveLength(10);
    for (const stamp of rows) {
      const matches = await Promise.all(pins.map((pin) => verifyPin(pin, stamp.pinHmac!, key.key, key.version)));
      expect(matches.filter(Boolean)).toHaveLength(1);
    }
  });

  it('serves the CSV of URLs and one stamp as SVG and PNG through fresh links', async () => {
    const { browser, lotId, product } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '3', withPin: '1' });
    const [trace] = await testDb()
      .select({ code: products.traceCode })
      .from(products)
      .where(eq(products.id, product.id));
    const html = await batchPage(browser, batchId);
    const csv = await browser.request(linkTo(html, 'stamps.csv'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    const rows = await storedStamps(batchId);
    expect(lines[0]).toBe('serial,url,pin');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual(
      rows.map((stamp) => [stamp.serial, `https://TEM.OCOP.VN/T/${trace!.code}/${stamp.serial}`]),
    );

    const serial = rows[1]!.serial;
    const svgLink = await browser.request(
      `/portal/stamp-batches/${batchId}/stamp?serial=${serial.toLowerCase()}&format=svg`,
    );
    expect(svgLink.status).toBe(303);
    const svg = await browser.request(svgLink.headers.get('location')!);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain(`>${serial}</text>`);
    const pngLink = await browser.request(`/portal/stamp-batches/${batchId}/stamp?serial=${serial}&format=png`);
    const png = new Uint8Array(await (await browser.request(pngLink.headers.get('location')!)).arrayBuffer());
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const stranger = await browser.request(`/portal/stamp-batches/${batchId}/stamp?serial=ABCDEFGHJKMN&format=svg`);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('tem này không thuộc đợt tem này');

    const english = await (await browser.request(`/portal/stamp-batches/${batchId}?lang=en`)).text();
    expect(english).toContain('Print files');
    expect(english).toContain('3 (1 sheet)');
  });

  it('prints the GTIN Digital Link for a product with a GTIN', async () => {
    const { browser, user } = await signedIn('producer_member');
    const { id } = await createProduct({ producerId: user.producerId! });
    const gtin = `893${String(Date.now()).slice(-9)}`;
    const checkDigit = (10 - ([...gtin].reduce((sum, d, i) => sum + Number(d) * (i % 2 ? 3 : 1), 0) % 10)) % 10;
    await testDb()
      .update(products)
      .set({ gtin: `${gtin}${checkDigit}` })
      .where(eq(products.id, id));
    const { lotId, lotCode } = await lotFor(id);
    const batchId = await issue(browser, lotId, { quantity: '1' });
    const csv = await (await browser.request(linkTo(await batchPage(browser, batchId), 'stamps.csv'))).text();
    expect(csv).toContain(`https://TEM.OCOP.VN/01/0${gtin}${checkDigit}/10/${lotCode}/21/`);
    const [row] = await testDb().select({ code: products.traceCode }).from(products).where(eq(products.id, id));
    expect(row!.code).toBeNull();
  });

  it('splits a batch bigger than one file into parts of whole sheets', async () => {
    const { browser, lotId } = await memberWithLot();
    // 65 labels a sheet: a file holds 30 sheets (1,950 stamps), so 2,000 stamps make two files.
    const batchId = await issue(browser, lotId, { quantity: '2000', sheetPreset: 'a4-65' });
    const html = await batchPage(browser, batchId);
    expect(html).toContain('Phần 1: tờ 1 đến 30 (PDF)');
    expect(html).toContain('Phần 2: tờ 31 đến 31 (PDF)');
    const part = await browser.request(linkTo(html, 'part-2.pdf'));
    expect(part.status).toBe(200);
    const pages = await readPdfPages(new Uint8Array(await part.arrayBuffer()));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.map((item) => item.text).join(' ')).toContain('Tờ 31/31');
    const lastSheet = (await storedStamps(batchId)).filter((stamp) => stamp.sheetNumber === 31).map((s) => s.serial);
    expect(lastSheet).toHaveLength(50);
    expect(
      (
        await pdfSerials(new Uint8Array(await (await browser.request(linkTo(html, 'part-2.pdf'))).arrayBuffer()))
      ).sort(),
    ).toEqual(lastSheet.sort());
  });

  it('names the field for a quantity out of range and a sheet too small for the code, writing nothing', async () => {
    const { browser, lotId } = await memberWithLot();
    const cases: [Record<string, string>, string][] = [
      [{ quantity: '0' }, 'quantity'],
      [{ quantity: '100001' }, 'quantity'],
      [{ quantity: 'mười' }, 'quantity'],
      [
        {
          quantity: '10',
          sheetPreset: 'custom',
          labelWidthMm: '10',
          labelHeightMm: '10',
          columns: '10',
          rows: '10',
          marginTopMm: '20',
          marginLeftMm: '5',
          gapXMm: '0',
          gapYMm: '0',
        },
        'labelWidthMm',
      ],
      [
        {
          quantity: '10',
          sheetPreset: 'custom',
          labelWidthMm: '50',
          labelHeightMm: '50',
          columns: '5',
          rows: '5',
          marginTopMm: '20',
          marginLeftMm: '5',
          gapXMm: '0',
          gapYMm: '0',
        },
        'columns',
      ],
      [{ quantity: '10', sheetPreset: 'custom', labelWidthMm: 'rộng' }, 'labelWidthMm'],
    ];
    for (const [fields, field] of cases) {
      const response = await postForm(browser, `/portal/lots/${lotId}/stamp-batches`, {
        sheetPreset: 'a4-40',
        ...fields,
      });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.text()).toContain(`<code>${field}</code>`);
    }
    expect(await testDb().select().from(stampBatches).where(eq(stampBatches.lotId, lotId))).toEqual([]);
  });

  it('issues on a custom sheet the producer measured', async () => {
    const { browser, lotId } = await memberWithLot();
    const batchId = await issue(browser, lotId, {
      quantity: '12',
      sheetPreset: 'custom',
      labelWidthMm: '60',
      labelHeightMm: '40,5',
      columns: '3',
      rows: '6',
      marginTopMm: '20',
      marginLeftMm: '10',
      gapXMm: '2',
      gapYMm: '2',
    });
    const [batch] = await testDb().select().from(stampBatches).where(eq(stampBatches.id, batchId));
    expect(batch).toMatchObject({ sheetPreset: null, sheetLayout: { labelHeightMm: 40.5, columns: 3, rows: 6 } });
    expect(await batchPage(browser, batchId)).toContain('3 × 6 tem một tờ, mỗi tem 60 × 40.5 mm');
  });
});

describe('print file links', () => {
  beforeAll(() => loadPdfJs(), 60_000);

  async function signedFor(userId: number, batchId: number, file: string, expires: number) {
    const { key, version } = currentPinKey(env);
    const sig = await signPrintLink({ userId, batchId, file, expires, keyVersion: version }, key);
    return `/portal/stamp-batches/${batchId}/files/${file}?v=${version}&exp=${expires}&sig=${sig}`;
  }

  it('answers 410 with a way back for an expired link and 403 for a forged or borrowed one', async () => {
    const { browser, lotId, user } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '2' });
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await browser.request(await signedFor(user.id, batchId, 'stamps.csv', past));
    expect(expired.status).toBe(410);
    const page = await expired.text();
    expect(page).toContain('Liên kết tải đã hết hạn');
    expect(page).toContain(`href="/portal/stamp-batches/${batchId}"`);

    const link = linkTo(await batchPage(browser, batchId), 'stamps.csv');
    const forged = link.replace(/sig=([0-9a-f])/, (_, first: string) => `sig=${first === '0' ? '1' : '0'}`);
    expect((await browser.request(forged)).status).toBe(403);
    const otherFile = link.replace('/files/stamps.csv', '/files/part-1.pdf');
    expect((await browser.request(otherFile)).status).toBe(403);
    const future = Math.floor(Date.now() / 1000) + 600;
    const lengthened = link.replace(/exp=\d+/, `exp=${future + 1}`);
    expect((await browser.request(lengthened)).status).toBe(403);

    // A colleague in the same organisation has their own session and needs their own link.
    const colleague = await signedIn('producer_member', user.producerId!);
    expect((await colleague.browser.request(link)).status).toBe(403);
    expect(
      (await colleague.browser.request(linkTo(await batchPage(colleague.browser, batchId), 'stamps.csv'))).status,
    ).toBe(200);
  });

  it("keeps another organisation's batch and files hidden, even with a valid link", async () => {
    const { browser, lotId } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '2' });
    const link = linkTo(await batchPage(browser, batchId), 'part-1.pdf');
    const outsider = await signedIn('producer_member');
    expect((await outsider.browser.request(`/portal/stamp-batches/${batchId}`)).status).toBe(404);
    expect((await outsider.browser.request(link)).status).toBe(404);
    const staff = await signedIn('staff');
    expect((await staff.browser.request(link)).status).toBe(403);
    expect((await new BrowserSession().request(link)).status).toBe(302);
  });
});

describe('activating, voiding and replacing stamps', () => {
  beforeAll(() => loadPdfJs(), 60_000);

  it('activates one sheet, then the whole batch, which deletes the PINs kept for printing', async () => {
    const { browser, lotId, user } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '50', withPin: '1', sheetPreset: 'a4-40' });
    const [pinFile] = await pinFiles(batchId);

    const unconfirmed = await postForm(browser, `/portal/stamp-batches/${batchId}/activate`, { scope: 'batch' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('<code>confirm</code>');
    const badSheet = await postForm(browser, `/portal/stamp-batches/${batchId}/activate`, {
      scope: 'sheet',
      sheetNumber: '3',
      confirm: '1',
    });
    expect(badSheet.status).toBe(400);
    expect(await badSheet.text()).toContain('đợt này có các tờ từ 1 đến 2');

    const sheet = await postForm(browser, `/portal/stamp-batches/${batchId}/activate`, {
      scope: 'sheet',
      sheetNumber: '2',
      confirm: '1',
    });
    expect(sheet.headers.get('location')).toBe(`/portal/stamp-batches/${batchId}?activated=10`);
    let rows = await storedStamps(batchId);
    expect(rows.filter((stamp) => stamp.status === 'active').every((stamp) => stamp.sheetNumber === 2)).toBe(true);
    expect(await pinFiles(batchId)).toHaveLength(1);

    const whole = await postForm(browser, `/portal/stamp-batches/${batchId}/activate`, {
      scope: 'batch',
      confirm: '1',
    });
    expect(whole.headers.get('location')).toBe(`/portal/stamp-batches/${batchId}?activated=40`);
    rows = await storedStamps(batchId);
    expect(rows.every((stamp) => stamp.status === 'active')).toBe(true);
    expect(await pinFiles(batchId)).toEqual([]);
    expect(await env.MEDIA.get(pinFile!.objectKey)).toBeNull();
    const audit = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stamp_batch.activate'), eq(auditLog.entityId, String(batchId))));
    expect(audit.map((entry) => entry.actorUserId)).toEqual([user.id, user.id]);

    // Without the PINs, the sheets cannot be printed again and the page says why.
    const html = await batchPage(browser, batchId);
    expect(html).toContain('không in lại được: mã PIN đã bị xóa');
    expect(fileLinks(html)).toEqual([]);
  });

  it('sends a stale link back to the batch page once the PINs it would print are gone', async () => {
    const { browser, lotId } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '3', withPin: '1' });
    const link = linkTo(await batchPage(browser, batchId), 'part-1.pdf');
    await postForm(browser, `/portal/stamp-batches/${batchId}/activate`, { scope: 'batch', confirm: '1' });
    const response = await browser.request(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/stamp-batches/${batchId}`);
  });

  it('voids pasted serials, leaves their labels blank, and prints replacements with new PINs on a new sheet', async () => {
    const { browser, lotId } = await memberWithLot();
    const batchId = await issue(browser, lotId, { quantity: '6', withPin: '1', sheetPreset: 'a4-40' });
    const issued = (await storedStamps(batchId)).map((stamp) => stamp.serial);
    const spoiled = [issued[1]!, issued[4]!];

    const stranger = await postForm(browser, `/portal/stamp-batches/${batchId}/void`, {
      serials: `${spoiled[0]}\nABCDEFGHJKMN`,
      confirm: '1',
    });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('không thuộc đợt tem này: ABCDEFGHJKMN');
    const voided = await postForm(browser, `/portal/stamp-batches/${batchId}/void`, {
      serials: `${spoiled[0]!.toLowerCase()}, ${spoiled[1]}\n`,
      confirm: '1',
    });
    expect(voided.headers.get('location')).toBe(`/portal/stamp-batches/${batchId}?voided=2`);

    const tooMany = await postForm(browser, `/portal/stamp-batches/${batchId}/reprint`, { count: '3' });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('chỉ có thể tạo tối đa 2 tem thay thế');
    const reprint = await postForm(browser, `/portal/stamp-batches/${batchId}/reprint`, { count: '2' });
    expect(reprint.headers.get('location')).toBe(`/portal/stamp-batches/${batchId}?reprinted=2`);

    const rows = await storedStamps(batchId);
    const replacements = rows.slice(6);
    expect(replacements.map((stamp) => stamp.sheetNumber)).toEqual([2, 2]);
    expect(replacements.every((stamp) => stamp.pinHmac !== null && !issued.includes(stamp.serial))).toBe(true);
    expect((await pinFiles(batchId)).map((file) => [file.firstSheet, file.lastSheet]).sort()).toEqual([
      [1, 1],
      [2, 2],
    ]);

    const html = await batchPage(browser, batchId);
    expect(html).toContain('Chưa có tem đã hủy nào cần thay.');
    const printed = await pdfSerials(
      new Uint8Array(await (await browser.request(linkTo(html, 'part-1.pdf'))).arrayBuffer()),
    );
    const expected = rows.filter((stamp) => stamp.status !== 'void').map((stamp) => stamp.serial);
    expect(printed.sort()).toEqual(expected.sort());
  });
});

describe('a batch issued outside the portal', () => {
  it('shows no print parts when no label sheet was recorded, but still lists its stamps in the CSV', async () => {
    const { browser, lotId, product } = await memberWithLot();
    const { batchId } = await batchFor(lotId, { quantity: 3 });
    await testDb()
      .update(products)
      .set({ traceCode: `T${String(Date.now()).slice(-7)}` })
      .where(eq(products.id, product.id));
    const html = await batchPage(browser, batchId);
    expect(fileLinks(html).filter((link) => link.includes('.pdf'))).toEqual([]);
    const csv = await (await browser.request(linkTo(html, 'stamps.csv'))).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
  });
});
