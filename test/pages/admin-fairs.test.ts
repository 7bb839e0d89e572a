import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fairBooths, fairExhibitorProducts, fairExhibitors, fairs } from '../../db/schema';
import { parseCsv } from '../../worker/domain/csv';
import { addDays } from '../../worker/domain/iso-date';
import { auditFor, signedIn } from '../support/admin';
import { application, createFair, FLOOR, openFair, placeExhibitor } from '../support/fairs';
import { createProducer, createProduct, testDb, today, uniqueSuffix } from '../support/factories';

/** The create form as a browser sends it, every field filled as staff would. */
function fairFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'trade_fair',
    nameVi: `Hội chợ OCOP Đồng Nai ${uniqueSuffix()}`,
    nameEn: 'Dong Nai OCOP fair',
    organiser: 'Sở Công Thương tỉnh Đồng Nai',
    descriptionVi: 'Gian hàng OCOP và đặc sản vùng miền.',
    descriptionEn: '',
    venue: 'Quảng trường tỉnh Đồng Nai',
    provinceCode: '75',
    communeCode: '26068',
    street: '1 đường Nguyễn Ái Quốc',
    location: '10.9574, 106.8427',
    startsOn: addDays(today(), 20),
    endsOn: addDays(today(), 24),
    dailyOpens: '08:00',
    dailyCloses: '22:00',
    applicationsOpenOn: today(),
    applicationsCloseOn: addDays(today(), 10),
    ...FLOOR,
    ...overrides,
  };
}

const errorsOf = (html: string) =>
  [...html.matchAll(/<li><a href="#([^"]+)">[^<]*<\/a>:\s*([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);

describe('staff create and edit a fair', () => {
  it('creates a draft fair with its zones, booth types and booths, audited', async () => {
    const { browser, csrf } = await signedIn('staff');
    const fields = fairFields();
    const response = await browser.post('/admin/fairs', { _csrf: csrf, ...fields });
    expect(response.status).toBe(303);
    const id = Number(/\/admin\/fairs\/(\d+)\?created=1/.exec(response.headers.get('location') ?? '')?.[1]);
    const [fair] = await testDb().select().from(fairs).where(eq(fairs.id, id));
    expect(fair).toMatchObject({
      nameVi: fields.nameVi,
      isPublished: false,
      latitude: 10.9574,
      dailyOpens: '08:00',
      zones: [
        { code: 'ocop', nameVi: 'Khu sản phẩm OCOP', nameEn: 'OCOP products' },
        { code: 'am_thuc', nameVi: 'Khu ẩm thực', nameEn: 'Food court' },
      ],
    });
    expect(fair!.boothTypes.map((type) => [type.code, type.widthCm, type.feeVnd])).toEqual([
      ['tieu_chuan', 300, 1_500_000],
      ['doi', 600, 2_800_000],
    ]);
    const booths = await testDb().select().from(fairBooths).where(eq(fairBooths.fairId, id));
    expect(booths.map((booth) => `${booth.zoneCode}:${booth.typeCode}:${booth.code}`)).toEqual([
      ...['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08'].map((code) => `ocop:tieu_chuan:${code}`),
      'am_thuc:doi:F1',
      'am_thuc:doi:F2',
    ]);
    expect((await auditFor('fair', id)).map((entry) => entry.action)).toEqual(['fair.create']);
    const page = await browser.request(`/admin/fairs/${id}?created=1`);
    const html = await page.text();
    expect(html).toContain('Đã tạo hội chợ (bản nháp)');
    expect(html).toContain('Bản nháp');
    // Not public while a draft.
    expect((await browser.request(`/fairs/${fair!.slug}`)).status).toBe(404);
  });

  it('refuses dates in the wrong order with 400, naming each field', async () => {
    const { browser, csrf } = await signedIn('staff');
    const response = await browser.post(
      '/admin/fairs',
      fairFields({
        _csrf: csrf,
        startsOn: addDays(today(), 20),
        endsOn: addDays(today(), 18),
        applicationsOpenOn: addDays(today(), 1),
        applicationsCloseOn: addDays(today(), 21),
        dailyOpens: '22:00',
        dailyCloses: '08:00',
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(errorsOf(html)).toEqual([
      ['endsOn', 'ngày kết thúc phải sau hoặc bằng ngày khai mạc'],
      ['dailyCloses', 'giờ đóng cửa phải sau giờ mở cửa'],
      ['applicationsCloseOn', 'hạn nhận hồ sơ phải trước hoặc đúng ngày khai mạc'],
    ]);
    // The form comes back as typed.
    expect(html).toContain(`value="${addDays(today(), 18)}"`);
  });

  it('refuses a date that does not exist, half a window, a commune of another province and an unreadable booth line', async () => {
    const { browser, csrf } = await signedIn('staff');
    const response = await browser.post(
      '/admin/fairs',
      fairFields({
        _csrf: csrf,
        startsOn: '2026-02-30',
        applicationsCloseOn: '',
        communeCode: '05443',
        booths: 'ocop | tieu_chuan | A01..A03\nkho | B1',
      }),
    );
    expect(response.status).toBe(400);
    expect(errorsOf(await response.text())).toEqual([
      ['startsOn', 'ngày không hợp lệ (năm-tháng-ngày, ví dụ 2026-12-18)'],
      ['applicationsCloseOn', 'cần cả ngày mở và ngày đóng nhận hồ sơ, hoặc bỏ trống cả hai'],
      ['booths', 'dòng 2: không có khu này trong danh sách khu'],
    ]);
    const again = await browser.post('/admin/fairs', fairFields({ _csrf: csrf, communeCode: '05443' }));
    expect(again.status).toBe(400);
    expect(errorsOf(await again.text())).toEqual([
      ['communeCode', 'xã, phường này không thuộc tỉnh, thành phố đã chọn'],
    ]);
  });

  it('edits the plan, keeping booths that hold an exhibitor (409 naming the booths field otherwise)', async () => {
    const { browser, csrf } = await signedIn('staff');
    const fair = await createFair();
    const producerId = await createProducer();
    await placeExhibitor(fair.id, producerId, 'A02', []);
    const page = await (await browser.request(`/admin/fairs/${fair.id}/edit`)).text();
    expect(page).toContain('ocop | tieu_chuan | A01..A08');
    const removing = await browser.post(
      `/admin/fairs/${fair.id}`,
      fairFields({
        _csrf: csrf,
        startsOn: today(),
        endsOn: addDays(today(), 2),
        applicationsOpenOn: '',
        applicationsCloseOn: '',
        booths: 'ocop | tieu_chuan | A03..A09',
      }),
    );
    expect(removing.status).toBe(409);
    expect(errorsOf(await removing.text())).toEqual([
      [
        'booths',
        'gian A02 đang có đơn vị tham gia: hãy chuyển đơn vị sang gian khác hoặc từ chối trước khi bỏ gian này',
      ],
    ]);
    const saved = await browser.post(
      `/admin/fairs/${fair.id}`,
      fairFields({
        _csrf: csrf,
        nameVi: 'Hội chợ đã sửa',
        startsOn: today(),
        endsOn: addDays(today(), 2),
        applicationsOpenOn: '',
        applicationsCloseOn: '',
        booths: 'ocop | tieu_chuan | A02, A10\nam_thuc | F1..F3',
      }),
    );
    expect(saved.status).toBe(303);
    const booths = await testDb().select().from(fairBooths).where(eq(fairBooths.fairId, fair.id));
    expect(booths.map((booth) => `${booth.code}:${booth.typeCode}`).sort()).toEqual([
      'A02:tieu_chuan',
      'A10:tieu_chuan',
      'F1:null',
      'F2:null',
      'F3:null',
    ]);
    const [row] = await testDb().select().from(fairs).where(eq(fairs.id, fair.id));
    expect(row!.nameVi).toBe('Hội chợ đã sửa');
    expect((await auditFor('fair', fair.id)).map((entry) => entry.action)).toContain('fair.update');
  });

  it('publishes and unpublishes, audited', async () => {
    const { browser, csrf } = await signedIn('admin');
    const fair = await createFair({ published: false });
    expect((await browser.post(`/admin/fairs/${fair.id}/publish`, { _csrf: csrf, published: '1' })).status).toBe(303);
    expect((await browser.request(`/fairs/${fair.slug}`)).status).toBe(200);
    expect((await browser.post(`/admin/fairs/${fair.id}/publish`, { _csrf: csrf, published: '0' })).status).toBe(303);
    expect((await browser.request(`/fairs/${fair.slug}`)).status).toBe(404);
    const actions = (await auditFor('fair', fair.id)).map((entry) => entry.action);
    expect(actions).toEqual(['fair.create', 'fair.publish', 'fair.unpublish']);
  });
});

describe('staff decide on applications', () => {
  async function fairWithApplications(count: number) {
    const fair = await openFair();
    const applications = [];
    for (let i = 0; i < count; i++) {
      const producerId = await createProducer();
      const product = await createProduct({ producerId });
      applications.push({
        producerId,
        productId: product.id,
        id: await application(fair.id, producerId, [product.id]),
      });
    }
    return { fair, applications };
  }

  it('accepts an application into a free booth, and rejects another with its reason', async () => {
    const { browser, csrf } = await signedIn('staff');
    const { fair, applications } = await fairWithApplications(2);
    const [first, second] = applications;
    const page = await (await browser.request(`/admin/fairs/${fair.id}`)).text();
    expect(page).toContain('Chờ xét duyệt');
    expect(page).toContain('10 gian còn trống');
    const accepted = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${first!.id}/accept`, {
      _csrf: csrf,
      booth: 'a05',
    });
    expect(accepted.status).toBe(303);
    const noReason = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${second!.id}/reject`, {
      _csrf: csrf,
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    const rejected = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${second!.id}/reject`, {
      _csrf: csrf,
      reason: 'Hồ sơ thiếu giấy chứng nhận',
    });
    expect(rejected.status).toBe(303);
    const rows = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.fairId, fair.id));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(first!.id)).toMatchObject({ status: 'accepted', decisionReason: null });
    expect(byId.get(first!.id)!.boothId).not.toBeNull();
    expect(byId.get(second!.id)).toMatchObject({
      status: 'rejected',
      boothId: null,
      decisionReason: 'Hồ sơ thiếu giấy chứng nhận',
    });
    const after = await (await browser.request(`/admin/fairs/${fair.id}`)).text();
    expect(after).toContain('Gian A05');
    expect(after).toContain('Lý do: Hồ sơ thiếu giấy chứng nhận');
    const actions = (await auditFor('fair', fair.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['fair.exhibitor.accept', 'fair.exhibitor.reject']));
  });

  it('refuses a booth the fair does not have, or one another exhibitor holds, on the booth field', async () => {
    const { browser, csrf } = await signedIn('staff');
    const { fair, applications } = await fairWithApplications(2);
    const missing = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${applications[0]!.id}/accept`, {
      _csrf: csrf,
      booth: 'Z99',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('hội chợ này không có gian hàng này');
    await browser.post(`/admin/fairs/${fair.id}/exhibitors/${applications[0]!.id}/accept`, {
      _csrf: csrf,
      booth: 'A01',
    });
    const taken = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${applications[1]!.id}/accept`, {
      _csrf: csrf,
      booth: 'A01',
    });
    expect(taken.status).toBe(409);
    const html = await taken.text();
    expect(html).toContain(`id="accept-${applications[1]!.id}-error"`);
    expect(html).toContain('gian A01 đã có đơn vị khác');
  });

  it('lets exactly one of two staff assigning the same booth at the same moment succeed', async () => {
    const { fair, applications } = await fairWithApplications(6);
    const staff = await Promise.all(applications.map(() => signedIn('staff')));
    const answers = await Promise.all(
      applications.map((entry, i) =>
        staff[i]!.browser.post(`/admin/fairs/${fair.id}/exhibitors/${entry.id}/accept`, {
          _csrf: staff[i]!.csrf,
          booth: 'F1',
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([303, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      const html = await answer.text();
      expect(html).toMatch(/id="accept-\d+-error">gian F1 đã có đơn vị khác/);
    }
    const ofThisFair = await testDb()
      .select({ status: fairExhibitors.status, booth: fairBooths.code })
      .from(fairExhibitors)
      .leftJoin(fairBooths, eq(fairBooths.id, fairExhibitors.boothId))
      .where(eq(fairExhibitors.fairId, fair.id));
    expect(ofThisFair.filter((row) => row.status === 'accepted')).toEqual([{ status: 'accepted', booth: 'F1' }]);
    expect(ofThisFair.filter((row) => row.status === 'applied')).toHaveLength(5);
  });

  it('adds an exhibitor directly by tax code, with only the products it may show', async () => {
    const { browser, csrf } = await signedIn('staff');
    const fair = await createFair();
    const taxCode = `36${String(Date.now()).slice(-8)}`;
    const producerId = await createProducer({ taxCode });
    const certified = await createProduct({ producerId });
    await createProduct({ producerId, certifications: [{ stars: 2 }] });
    const unknown = await browser.post(`/admin/fairs/${fair.id}/exhibitors`, {
      _csrf: csrf,
      producer: '3999999999',
      booth: 'A04',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('không có chủ thể mang mã số thuế hoặc mã này');
    const added = await browser.post(`/admin/fairs/${fair.id}/exhibitors`, {
      _csrf: csrf,
      producer: taxCode,
      booth: 'A04',
    });
    expect(added.status).toBe(303);
    const [row] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.producerId, producerId));
    expect(row).toMatchObject({ status: 'accepted' });
    const entered = await testDb()
      .select()
      .from(fairExhibitorProducts)
      .where(eq(fairExhibitorProducts.exhibitorId, row!.id));
    expect(entered.map((entry) => entry.productId)).toEqual([certified.id]);
    const again = await browser.post(`/admin/fairs/${fair.id}/exhibitors`, {
      _csrf: csrf,
      producer: taxCode,
      booth: 'A05',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('chủ thể này đã có trong danh sách đơn vị tham gia');
  });

  it('takes no decision on a finished fair', async () => {
    const { browser, csrf } = await signedIn('staff');
    const fair = await createFair({ startsOn: addDays(today(), -5), endsOn: addDays(today(), -1) });
    const producerId = await createProducer();
    await placeExhibitor(fair.id, producerId, 'A01', []);
    const [row] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.fairId, fair.id));
    const response = await browser.post(`/admin/fairs/${fair.id}/exhibitors/${row!.id}/reject`, {
      _csrf: csrf,
      reason: 'Muộn',
    });
    expect(response.status).toBe(409);
  });
});

describe('exports', () => {
  it('lists the accepted exhibitors in booth order as CSV and as a PDF', async () => {
    const { browser } = await signedIn('staff');
    const fair = await createFair();
    const first = await createProducer({ name: 'HTX Bưởi Tân Triều', phone: '+84912345678' });
    const second = await createProducer({ name: '=HYPERLINK("x")' });
    const product = await createProduct({ producerId: first, nameVi: 'Bưởi Tân Triều' });
    await placeExhibitor(fair.id, first, 'A07', [product.id]);
    await placeExhibitor(fair.id, second, 'A02', []);
    const response = await browser.request(`/admin/fairs/${fair.id}/exhibitors.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const parsed = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    if (!parsed.ok) throw new Error('unreadable CSV');
    expect(parsed.header).toEqual([
      'Gian',
      'Khu',
      'Loại gian',
      'Đơn vị',
      'Mã số thuế',
      'Tỉnh, thành phố',
      'Điện thoại',
      'Email',
      'Sản phẩm',
    ]);
    expect(parsed.rows.map((row) => row.fields.slice(0, 4))).toEqual([
      ['A02', 'Khu sản phẩm OCOP', 'Gian tiêu chuẩn', `'=HYPERLINK("x")`],
      ['A07', 'Khu sản phẩm OCOP', 'Gian tiêu chuẩn', 'HTX Bưởi Tân Triều'],
    ]);
    expect(parsed.rows[1]!.fields[6]).toBe('0912 345 678');
    expect(parsed.rows[1]!.fields[8]).toBe('Bưởi Tân Triều');
    const pdf = await browser.request(`/admin/fairs/${fair.id}/exhibitors.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('makes the QR poster in A4 and A3', async () => {
    const { browser } = await signedIn('staff');
    const fair = await createFair();
    for (const size of ['a4', 'a3']) {
      const response = await browser.request(`/admin/fairs/${fair.id}/poster.pdf?size=${size}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="ap-phich-${fair.slug}-${size}.pdf"`,
      );
    }
    expect((await browser.request(`/admin/fairs/${fair.id}/poster.pdf?size=a5`)).status).toBe(400);
  });
});
