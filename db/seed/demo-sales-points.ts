/** What `npm start` prints about sales points: where to look in public, as staff and as a producer. */
import { DEMO_SALES_POINTS } from './demo-data';

/** Biên Hòa, where the demo's provincial OCOP centre is: a place to type in "near me". */
const NEAR_BIEN_HOA = '10.9504,106.8216';

export function demoSalesPointLines(baseUrl: string): string[] {
  const centre = DEMO_SALES_POINTS.find((point) => point.kind === 'ocop_centre')!;
  // The weekend night stall whose hours run past midnight (Nam Định market, Ninh Bình).
  const nightStall = DEMO_SALES_POINTS.find((point) => point.slug === 'sap-ocop-cho-dem-nam-dinh')!;
  const lines: [string, string][] = [
    ['near Biên Hòa, open now', `${baseUrl}/sales-points?near=${NEAR_BIEN_HOA}&open_now=1`],
    ['a provincial OCOP centre', `${baseUrl}/sales-points/${centre.slug}`],
    ['a night market stall', `${baseUrl}/sales-points/${nightStall.slug}`],
    ['staff (sign in as staff)', `${baseUrl}/admin/sales-points`],
    ['producers propose, list stock', `${baseUrl}/portal/sales-points`],
    ['API', `${baseUrl}/api/v1/sales-points?near=${NEAR_BIEN_HOA}`],
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 1;
  return lines.map(([label, link]) => `${`${label}:`.padEnd(width)} ${link}`);
}
