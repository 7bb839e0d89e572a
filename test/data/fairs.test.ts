import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fairExhibitors } from '../../db/schema';
import { acceptExhibitor, findBooth, findExhibitor, searchPublishedFairs } from '../../worker/data/fairs';
import { AppError } from '../../worker/domain/errors';
import { addDays } from '../../worker/domain/iso-date';
import { application, createFair, openFair } from '../support/fairs';
import { createProducer, createProduct, createUser, testDb, today } from '../support/factories';

describe('acceptExhibitor', () => {
  it('lets the booth’s unique index refuse a second exhibitor with booth_taken on the booth field', async () => {
    const fair = await openFair();
    const staff = { userId: (await createUser('staff')).id };
    const rows = [];
    for (let i = 0; i < 2; i++) {
      const producerId = await createProducer();
      const product = await createProduct({ producerId });
      rows.push((await findExhibitor(testDb(), await application(fair.id, producerId, [product.id])))!);
    }
    const booth = (await findBooth(testDb(), fair.id, 'A01'))!;
    // Both decided on the same free booth, as two staff who loaded the page at the same moment.
    const outcomes = await Promise.allSettled(rows.map((row) => acceptExhibitor(testDb(), staff, row, booth)));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected')!.reason as AppError;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.code).toBe('conflict');
    expect(refusal.problems).toEqual([{ field: 'booth', problem: 'booth_taken', params: { code: 'A01' } }]);
    const accepted = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.boothId, booth.id));
    expect(accepted).toHaveLength(1);
  });
});

describe('searchPublishedFairs', () => {
  it('derives each status in SQL as fairStatus does in the domain', async () => {
    const running = await createFair({ provinceCode: '96', communeCode: null });
    const open = await openFair({ provinceCode: '96', communeCode: null });
    const announced = await createFair({
      provinceCode: '96',
      communeCode: null,
      startsOn: addDays(today(), 5),
      endsOn: addDays(today(), 6),
    });
    const finished = await createFair({
      provinceCode: '96',
      communeCode: null,
      startsOn: addDays(today(), -6),
      endsOn: addDays(today(), -5),
    });
    const ids = async (status: 'open_for_applications' | 'published' | 'running' | 'finished') =>
      (await searchPublishedFairs(testDb(), { province: '96', status, today: today(), page: 1, limit: 50 })).items.map(
        (row) => row.id,
      );
    expect(await ids('running')).toEqual([running.id]);
    expect(await ids('open_for_applications')).toEqual([open.id]);
    expect(await ids('published')).toEqual([announced.id]);
    expect(await ids('finished')).toEqual([finished.id]);
  });
});
