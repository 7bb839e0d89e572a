/**
 * The demo marketplace: shipping rules and the bank accounts VietQR codes name, for the demo
 * producers that sell online, and one product sold at sales points only. Bank accounts are
 * illustrative (real bank BINs, made-up numbers). Idempotent and gentle: a value is only filled
 * where the producer has none, so a rule or account changed in the portal is never overwritten.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { producers, products } from '../schema';
import type { Database } from '../../worker/data/db';

interface DemoSeller {
  producer: string;
  /** Integer đồng per shipped order part. */
  shippingFlatFee: number;
  shippingFreeFrom: number | null;
  bankBin: string;
  bankAccountNumber: string;
  bankAccountName: string;
}

export const DEMO_SELLERS: DemoSeller[] = [
  {
    producer: 'cong-ty-co-phan-son-an-huong-son',
    shippingFlatFee: 35_000,
    shippingFreeFrom: 1_000_000,
    bankBin: '970436',
    bankAccountNumber: '0071001234567',
    bankAccountName: 'CONG TY CO PHAN SON AN HUONG SON',
  },
  {
    producer: 'htx-dich-vu-nong-nghiep-binh-loi',
    shippingFlatFee: 30_000,
    shippingFreeFrom: 500_000,
    bankBin: '970405',
    bankAccountNumber: '5900205123456',
    bankAccountName: 'HTX DICH VU NONG NGHIEP BINH LOI',
  },
  {
    producer: 'htx-nong-nghiep-binh-minh',
    shippingFlatFee: 30_000,
    shippingFreeFrom: null,
    bankBin: '970418',
    bankAccountNumber: '31410001234567',
    bankAccountName: 'HTX NONG NGHIEP BINH MINH',
  },
  {
    producer: 'co-so-tran-gia',
    shippingFlatFee: 25_000,
    shippingFreeFrom: 300_000,
    bankBin: '970422',
    bankAccountNumber: '0398615247',
    bankAccountName: 'TRAN THI GIA',
  },
  {
    producer: 'to-hop-tac-thao-duoc-tri-an',
    shippingFlatFee: 30_000,
    shippingFreeFrom: 400_000,
    bankBin: '970415',
    bankAccountNumber: '108001234567',
    bankAccountName: 'TO HOP TAC THAO DUOC TRI AN',
  },
  {
    producer: 'cong-ty-tnhh-sx-tm-nhan-tuan-nhan',
    shippingFlatFee: 200_000,
    shippingFreeFrom: null,
    bankBin: '970407',
    bankAccountNumber: '19031234567012',
    bankAccountName: 'CONG TY TNHH SX TM NHAN TUAN NHAN',
  },
];

/** Carved furniture travels badly: the workshop sells it at the sales points where buyers can see it. */
export const DEMO_POINTS_ONLY = ['bo-ban-ghe-go-my-nghe-nhan-tuan-nhan'];

export async function seedDemoSellers(db: Database): Promise<{ sellers: number }> {
  const bySlug = (slug: string) => eq(producers.slug, slug);
  const [first, ...rest] = [
    ...DEMO_SELLERS.flatMap((seller) => [
      db
        .update(producers)
        .set({ shippingFlatFee: seller.shippingFlatFee, shippingFreeFrom: seller.shippingFreeFrom })
        .where(and(bySlug(seller.producer), isNull(producers.shippingFlatFee))),
      db
        .update(producers)
        .set({
          bankBin: seller.bankBin,
          bankAccountNumber: seller.bankAccountNumber,
          bankAccountName: seller.bankAccountName,
        })
        .where(and(bySlug(seller.producer), isNull(producers.bankBin))),
    ]),
    db.update(products).set({ soldAtPointsOnly: true }).where(inArray(products.slug, DEMO_POINTS_ONLY)),
  ];
  await db.batch([first!, ...rest]);
  return { sellers: DEMO_SELLERS.length };
}
