import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stamps } from '../../db/schema';
import { PIN_LOCK_MINUTES, PIN_MAX_FAILED_ATTEMPTS } from '../../worker/domain/scan-verdict';
import { formatDate, vietnamDate } from '../../worker/domain/time';
import { testDb } from '../support/factories';
import { activeStamp, createStampedLot, issueStamps, Phone } from '../support/stamps';

const pinRow = async (serial: string) =>
  (
    await testDb()
      .select({
        pinClaimedAt: stamps.pinClaimedAt,
        pinClaimProvince: stamps.pinClaimProvince,
        pinFailedAttempts: stamps.pinFailedAttempts,
        pinLockedUntil: stamps.pinLockedUntil,
      })
      .from(stamps)
      .where(eq(stamps.serial, serial))
  )[0]!;

/** A PIN of the right form that is not this stamp's. */
const wrongPin = (pin: string) => (pin.startsWith('0') ? `1${pin.slice(1)}` : `0${pin.slice(1)}`);

async function enter(phone: Phone, path: string, pin: string) {
  const response = await phone.postForm(path, { form: 'pin', pin });
  return { status: response.status, html: await response.text() };
}

describe('the scratch PIN form', () => {
  it('is offered for an active stamp with a PIN only', async () => {
    const withPin = await activeStamp({ withPin: true });
    const withoutPin = await activeStamp();
    const lot = await createStampedLot();
    const { stamps: notActive } = await issueStamps(lot, { quantity: 1, withPin: true, activate: false });
    expect(await (await new Phone().open(withPin.path)).text()).toContain('name="form" value="pin"');
    expect(await (await new Phone().open(withoutPin.path)).text()).not.toContain('name="form" value="pin"');
    expect(await (await new Phone().open(notActive[0]!.path)).text()).not.toContain('name="form" value="pin"');
  });

  it('lets the first correct PIN claim the stamp, and tells a later claim when and where', async () => {
    const stamp = await activeStamp({ withPin: true });
    const first = await enter(new Phone({ regionCode: '39' }), stamp.path, stamp.pin!);
    expect(first.status).toBe(200);
    expect(first.html).toContain('Xác thực thành công: bạn là người đầu tiên nhập mã PIN này.');
    expect(await pinRow(stamp.serial)).toMatchObject({ pinClaimProvince: '75', pinFailedAttempts: 0 });

    const later = await enter(new Phone({ regionCode: 'HN' }), stamp.path, stamp.pin!);
    expect(later.status).toBe(200);
    expect(later.html).toContain(
      `Mã PIN này đã được xác thực ngày ${formatDate(vietnamDate(new Date()))} tại Đồng Nai.`,
    );
    expect((await pinRow(stamp.serial)).pinClaimProvince).toBe('75');
  });

  it('reads the PIN as people type it: lower case, with spaces or dashes, O for 0 and I or L for 1', async () => {
    const stamp = await activeStamp({ withPin: true });
    const typed = `${stamp.pin!.slice(0, 4)} - ${stamp.pin!.slice(4)}`
      .toLowerCase()
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    const answer = await enter(new Phone(), stamp.path, typed);
    expect(answer.html).toContain('Xác thực thành công');
  });

  it('counts wrong PINs down, then locks the PIN, refusing even the right one until the lock ends', async () => {
    const stamp = await activeStamp({ withPin: true });
    const phone = new Phone();
    for (let attempt = 1; attempt < PIN_MAX_FAILED_ATTEMPTS; attempt++) {
      const answer = await enter(phone, stamp.path, wrongPin(stamp.pin!));
      expect(answer.html).toContain(`Mã PIN không đúng. Bạn còn ${PIN_MAX_FAILED_ATTEMPTS - attempt} lần thử.`);
    }
    const before = Date.now();
    const locking = await enter(phone, stamp.path, wrongPin(stamp.pin!));
    expect(locking.html).toContain('Mã PIN của tem này bị tạm khóa do nhập sai nhiều lần.');
    const row = await pinRow(stamp.serial);
    expect(row.pinFailedAttempts).toBe(PIN_MAX_FAILED_ATTEMPTS);
    const lockedFor = Date.parse(row.pinLockedUntil!) - before;
    expect(lockedFor).toBeGreaterThan((PIN_LOCK_MINUTES - 1) * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(PIN_LOCK_MINUTES * 60_000 + 5_000);

    const right = await enter(new Phone(), stamp.path, stamp.pin!);
    expect(right.html).toContain('bị tạm khóa');
    expect((await pinRow(stamp.serial)).pinClaimedAt).toBeNull();
  });

  it('answers a PIN of the wrong form with 400 and does not count it as a wrong try', async () => {
    const stamp = await activeStamp({ withPin: true });
    const answer = await enter(new Phone(), stamp.path, 'ABC');
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('Mã PIN gồm 8 ký tự chữ và số.');
    expect(answer.html).toContain('aria-invalid="true"');
    expect((await pinRow(stamp.serial)).pinFailedAttempts).toBe(0);
  });

  it('lets exactly one of two simultaneous first claims win', async () => {
    const stamp = await activeStamp({ withPin: true });
    const answers = await Promise.all([
      enter(new Phone({ regionCode: '39' }), stamp.path, stamp.pin!),
      enter(new Phone({ regionCode: 'SG' }), stamp.path, stamp.pin!),
    ]);
    const claimed = answers.filter((answer) => answer.html.includes('Xác thực thành công'));
    const told = answers.filter((answer) => answer.html.includes('Mã PIN này đã được xác thực ngày'));
    expect(claimed).toHaveLength(1);
    expect(told).toHaveLength(1);
  });

  it('counts every one of several simultaneous wrong PINs', async () => {
    const stamp = await activeStamp({ withPin: true });
    const answers = await Promise.all([1, 2, 3].map(() => enter(new Phone(), stamp.path, wrongPin(stamp.pin!))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect((await pinRow(stamp.serial)).pinFailedAttempts).toBe(3);
    const remaining = answers.map((answer) => /Bạn còn (\d) lần thử/.exec(answer.html)?.[1]).sort();
    expect(remaining).toEqual(['2', '3', '4']);
  });

  it('answers the form without counting a scan: the page it renders sends no beacon', async () => {
    const stamp = await activeStamp({ withPin: true });
    const answer = await enter(new Phone(), stamp.path, stamp.pin!);
    expect(answer.html).not.toContain('<script');
    expect(answer.html).toContain('<h1>Đã xác thực: hàng chính hãng</h1>');
  });

  it('answers a stamp without a PIN with 409', async () => {
    const stamp = await activeStamp();
    const answer = await enter(new Phone(), stamp.path, 'ABCD2345');
    expect(answer.status).toBe(409);
    expect(answer.html).toContain('Tem này không có mã PIN cào.');
  });

  it('refuses a form it does not know', async () => {
    const stamp = await activeStamp({ withPin: true });
    const response = await new Phone().postForm(stamp.path, { form: 'other' });
    expect(response.status).toBe(400);
  });
});
