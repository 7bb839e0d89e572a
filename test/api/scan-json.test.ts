import { describe, expect, it } from 'vitest';
import { SUSPICIOUS_DEVICE_COUNT } from '../../worker/domain/scan-verdict';
import { activeStamp, createStampedLot, issueStamps, Phone, stampPath, voidStamp } from '../support/stamps';

const GS1 = 'https://gs1.org/voc/';

interface VerdictJson {
  serial: string;
  url: string;
  state: string;
  tone: string;
  evidence: { scans: number; devices: number; provinces: number; firstScanProvince: string | null } | null;
  certification: { state: string; stars?: number } | null;
  product: { slug: string; name: string } | null;
  producer: { slug: string; name: string } | null;
  lot: { code: string; productionDate: string | null; bestBefore: string | null } | null;
}

async function verdictOf(path: string, phone = new Phone()) {
  const response = await phone.request(path, { headers: { Accept: 'application/json' } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.json<VerdictJson>(),
  };
}

describe('GET a stamp URL with Accept: application/json', () => {
  it('gives the verdict of an active stamp never scanned, with its product, producer and lot', async () => {
    const stamp = await activeStamp();
    const { status, type, body } = await verdictOf(stamp.path);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      serial: stamp.serial,
      url: `http://localhost${stamp.path}`,
      state: 'genuine_first',
      tone: 'ok',
      evidence: { scans: 0, devices: 0, provinces: 0 },
      certification: { state: 'certified', stars: 4 },
      product: { slug: stamp.lot.product.slug, name: stamp.lot.product.nameVi },
      producer: { slug: expect.stringMatching(/^producer-/) },
      lot: { code: stamp.lot.lotCode, productionDate: '2026-01-10', bestBefore: '2027-01-10' },
    });
  });

  it('reports counted scans as they are stored: a repeat, then a suspicious stamp', async () => {
    const stamp = await activeStamp();
    await new Phone({ regionCode: '39' }).scan(stamp.path);
    await new Phone({ regionCode: '39' }).scan(stamp.path);
    expect((await verdictOf(stamp.path)).body).toMatchObject({
      state: 'genuine_repeat',
      evidence: { scans: 2, devices: 2, provinces: 1, firstScanProvince: '75' },
    });
    for (let i = 2; i < SUSPICIOUS_DEVICE_COUNT; i++) await new Phone().scan(stamp.path);
    expect((await verdictOf(stamp.path)).body).toMatchObject({
      state: 'suspicious',
      tone: 'caution',
      evidence: { scans: SUSPICIOUS_DEVICE_COUNT, devices: SUSPICIOUS_DEVICE_COUNT },
    });
  });

  it('says not activated, void and unknown, the last with 404 and nothing to speak of', async () => {
    const lot = await createStampedLot();
    const { batchId, stamps } = await issueStamps(lot, { quantity: 2, activate: false });
    expect((await verdictOf(stamps[0]!.path)).body).toMatchObject({
      state: 'not_activated',
      tone: 'caution',
      evidence: null,
      certification: { state: 'certified' },
    });
    await voidStamp(batchId, stamps[1]!.serial);
    expect((await verdictOf(stamps[1]!.path)).body).toMatchObject({ state: 'void', tone: 'danger', evidence: null });

    const unknown = await verdictOf(stampPath(lot, 'ZZZZ99998888'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      state: 'unknown',
      tone: 'danger',
      evidence: null,
      certification: null,
      product: null,
      producer: null,
      lot: null,
    });
  });

  it('reports an expired certification beside the stamp state', async () => {
    const stamp = await activeStamp({ certifications: [{ stars: 3, validUntil: '2025-12-31' }] });
    expect((await verdictOf(stamp.path)).body).toMatchObject({
      state: 'certificate_lapsed',
      tone: 'caution',
      certification: { state: 'expired', stars: 3, since: '2026-01-01' },
    });
  });

  it('answers a malformed path or a wrong check digit with problem+json naming the path', async () => {
    for (const path of ['/01/08936045120018/10/LOT1/21/0123456789AB', '/T/A/0123456789AB']) {
      const response = await new Phone().request(path, { headers: { Accept: 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await response.json<{ code: string; errors: { field: string }[] }>();
      expect(problem.code).toBe('bad_request');
      expect(problem.errors.map((error) => error.field)).toEqual(['path']);
    }
  });
});

interface Linkset {
  linkset: ({ anchor: string } & Record<string, { href: string; title: string; type: string }[]>)[];
}

describe('the linkset of a stamp URL', () => {
  it('answers ?linkType=linkset and Accept: application/linkset+json with the RFC 9264 linkset', async () => {
    const stamp = await activeStamp();
    const byQuery = await new Phone().request(`${stamp.path}?linkType=linkset`);
    const byAccept = await new Phone().request(stamp.path, { headers: { Accept: 'application/linkset+json' } });
    for (const response of [byQuery, byAccept]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/linkset+json');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const { linkset } = await response.json<Linkset>();
      expect(linkset).toHaveLength(1);
      const [context] = linkset;
      expect(context!.anchor).toBe(`http://localhost${stamp.path}`);
      const productUrl = `http://localhost:8787/products/${stamp.lot.product.slug}`;
      expect(context![`${GS1}pip`]).toEqual([
        { href: productUrl, title: stamp.lot.product.nameVi, type: 'text/html', hreflang: ['vi', 'en'] },
      ]);
      for (const linkType of ['certificationInfo', 'traceability', 'hasRetailers']) {
        const links = context![`${GS1}${linkType}`]!;
        expect(links.length, linkType).toBeGreaterThan(0);
        for (const link of links) {
          expect(link.href).toMatch(/^http:\/\/localhost/);
          // The stamp's own links say what the page says of it: the one verdict.
          expect(link.title).toBe(
            linkType === 'traceability' ? `${stamp.lot.product.nameVi}: Tem chính hãng` : stamp.lot.product.nameVi,
          );
          expect(['text/html', 'application/json']).toContain(link.type);
        }
      }
      expect(context![`${GS1}certificationInfo`]![0]!.href).toBe(`${productUrl}#certification-title`);
      expect(context![`${GS1}traceability`]!.map((link) => link.type)).toEqual(['text/html', 'application/json']);
    }
  });

  it('says what the page and the JSON say of a stamp whose certification was revoked', async () => {
    const stamp = await activeStamp({
      certifications: [{ stars: 4, status: 'revoked', statusChangedAt: '2026-02-01T03:00:00.000Z' }],
    });
    const phone = new Phone();
    const page = await (await phone.open(stamp.path)).text();
    const json = (await verdictOf(stamp.path, phone)).body;
    const { linkset } = await (await phone.request(`${stamp.path}?linkType=linkset`)).json<Linkset>();
    expect(page).toContain('data-verdict="certificate_lapsed"');
    expect(json.state).toBe('certificate_lapsed');
    expect(linkset[0]![`${GS1}traceability`]![0]!.title).toBe(
      `${stamp.lot.product.nameVi}: Tem thật, nhưng chứng nhận OCOP không còn hiệu lực`,
    );
  });

  it('answers 404 problem+json for an unknown serial', async () => {
    const { lot } = await activeStamp();
    const response = await new Phone().request(`${stampPath(lot, 'ZZZZ77776666')}?linkType=linkset`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
