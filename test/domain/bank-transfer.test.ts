import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyTransfer,
  readBankNotification,
  transferKey,
  type BankTransfer,
  type TransferCandidate,
} from '../../worker/domain/bank-transfer';
import { findOrderReferences, orderReference } from '../../worker/domain/order-reference';

/** SePay's documented example body. */
const SEPAY = {
  id: 92704,
  gateway: 'Vietcombank',
  transactionDate: '2023-03-25 14:02:37',
  accountNumber: '0123499999',
  code: null,
  content: 'chuyen tien mua iphone',
  transferType: 'in',
  transferAmount: 2277000,
  accumulated: 19077000,
  subAccount: null,
  referenceCode: 'MBVCB.3278907687',
  description: '',
};

/** Casso's webhook v2 example body. */
const CASSO_V2 = {
  error: 0,
  data: {
    id: 218897,
    reference: 'FT24364030863634',
    description: 'hoi lai 100 bao mun dua',
    amount: 16775000,
    runningBalance: 16775000,
    transactionDateTime: '2024-12-23 07:00:00',
    accountNumber: '123456789',
    bankName: 'MBBank',
    bankAbbreviation: 'MBB',
    virtualAccountNumber: '',
    virtualAccountName: '',
    counterAccountName: '',
    counterAccountNumber: '',
    counterAccountBankId: '',
    counterAccountBankName: '',
  },
};

/** Casso's first webhook version, as its sample handler's test sends it. */
const CASSO_V1 = {
  error: 0,
  data: [
    {
      id: 1,
      when: '2020-11-02',
      amount: 200500,
      description: 'DH35',
      cusum_balance: 15900500,
      tid: 'TF80307914',
      subAccId: '123456789',
      order: '2020110200001',
    },
    {
      id: 2,
      when: '2020-11-02 09:15:00',
      amount: -50000,
      description: 'phi dich vu',
      cusum_balance: 15850500,
      tid: 'TF80307915',
      bank_sub_acc_id: '123456789',
    },
  ],
};

describe('readBankNotification', () => {
  it('reads a SePay notification, its Vietnam time as UTC', () => {
    expect(readBankNotification(SEPAY)).toEqual({
      ok: true,
      transfers: [
        {
          source: 'sepay',
          transactionId: '92704',
          bank: 'Vietcombank',
          accountNumber: '0123499999',
          direction: 'in',
          amount: 2277000,
          content: 'chuyen tien mua iphone',
          bankReference: 'MBVCB.3278907687',
          transactedAt: '2023-03-25T07:02:37.000Z',
        },
      ],
    });
  });

  it('reads a Casso v2 notification', () => {
    expect(readBankNotification(CASSO_V2)).toEqual({
      ok: true,
      transfers: [
        {
          source: 'casso',
          transactionId: '218897',
          bank: 'MBBank',
          accountNumber: '123456789',
          direction: 'in',
          amount: 16775000,
          content: 'hoi lai 100 bao mun dua',
          bankReference: 'FT24364030863634',
          transactedAt: '2024-12-23T00:00:00.000Z',
        },
      ],
    });
  });

  it('reads every transfer of a Casso v1 notification, money out by its sign', () => {
    const result = readBankNotification(CASSO_V1);
    expect(result).toMatchObject({
      ok: true,
      transfers: [
        {
          transactionId: '1',
          direction: 'in',
          amount: 200500,
          bankReference: 'TF80307914',
          accountNumber: '123456789',
        },
        { transactionId: '2', direction: 'out', amount: 50000, transactedAt: '2020-11-02T02:15:00.000Z' },
      ],
    });
    expect(result.ok && result.transfers[0]!.transactedAt).toBe('2020-11-01T17:00:00.000Z');
  });

  it('reads money out of SePay and Casso v2', () => {
    expect(readBankNotification({ ...SEPAY, transferType: 'out' })).toMatchObject({
      ok: true,
      transfers: [{ direction: 'out', amount: 2277000 }],
    });
    expect(readBankNotification({ ...CASSO_V2, data: { ...CASSO_V2.data, amount: -20000 } })).toMatchObject({
      ok: true,
      transfers: [{ direction: 'out', amount: 20000 }],
    });
  });

  it('takes the SMS text when SePay has no content, and drops separators from the account', () => {
    expect(
      readBankNotification({
        ...SEPAY,
        content: null,
        description: 'BIDV: +2,277,000 OCOP',
        accountNumber: '0123 499.999',
      }),
    ).toMatchObject({ ok: true, transfers: [{ content: 'BIDV: +2,277,000 OCOP', accountNumber: '0123499999' }] });
  });

  it('keeps a string id and empty optional fields as nothing', () => {
    expect(
      readBankNotification({ ...SEPAY, id: 'a1b2', gateway: '', referenceCode: undefined, accountNumber: null }),
    ).toMatchObject({
      ok: true,
      transfers: [{ transactionId: 'a1b2', bank: null, bankReference: null, accountNumber: null }],
    });
  });

  it.each([
    ['an empty object', {}, 'unrecognised'],
    ['null', null, 'unrecognised'],
    ['a string', 'id=1', 'unrecognised'],
    ['SePay without an amount', { ...SEPAY, transferAmount: undefined }, 'unrecognised'],
    ['SePay with another transfer type', { ...SEPAY, transferType: 'both' }, 'unrecognised'],
    ['a Casso error report', { error: 1, data: [] }, 'not_a_success'],
    ['a zero amount', { ...SEPAY, transferAmount: 0 }, 'invalid_amount'],
    ['a fractional amount', { ...SEPAY, transferAmount: 1000.5 }, 'invalid_amount'],
    ['a negative SePay amount', { ...SEPAY, transferAmount: -1000 }, 'invalid_amount'],
    ['a day-first date', { ...SEPAY, transactionDate: '25/03/2023 14:02:37' }, 'invalid_date'],
    ['a date that does not exist', { ...SEPAY, transactionDate: '2023-02-30 10:00:00' }, 'invalid_date'],
  ])('refuses %s', (_, body, error) => {
    expect(readBankNotification(body)).toEqual({ ok: false, error });
  });
});

describe('transferKey', () => {
  it('keeps the ids of the two services apart', () => {
    expect(transferKey({ source: 'sepay', transactionId: '1' })).not.toBe(
      transferKey({ source: 'casso', transactionId: '1' }),
    );
  });
});

describe('classifyTransfer', () => {
  const transfer = (amount: number, accountNumber: string | null = '0123499999') => ({
    direction: 'in' as const,
    amount,
    accountNumber,
  });
  const pending: TransferCandidate = {
    status: 'pending_payment',
    total: 420_000,
    received: 0,
    accountNumber: '0123 499 999',
  };

  it('settles a sub-order paid exactly, in one transfer or in instalments', () => {
    expect(classifyTransfer(transfer(420_000), pending)).toEqual({
      outcome: 'exact',
      settles: true,
      outstanding: 0,
      surplus: 0,
    });
    expect(classifyTransfer(transfer(20_000), { ...pending, received: 400_000 })).toEqual({
      outcome: 'exact',
      settles: true,
      outstanding: 0,
      surplus: 0,
    });
  });

  it('leaves a sub-order paid in part waiting, saying what is still owed', () => {
    expect(classifyTransfer(transfer(400_000), pending)).toEqual({
      outcome: 'partial',
      settles: false,
      outstanding: 20_000,
      surplus: 0,
    });
  });

  it('settles a sub-order paid too much, with the surplus to hand back', () => {
    expect(classifyTransfer(transfer(500_000), pending)).toEqual({
      outcome: 'excess',
      settles: true,
      outstanding: 0,
      surplus: 80_000,
    });
  });

  it('counts a second payment for a paid sub-order as excess', () => {
    for (const status of ['paid', 'packed', 'shipped', 'delivered', 'refunded'] as const) {
      expect(classifyTransfer(transfer(420_000), { ...pending, status, received: 420_000 })).toEqual({
        outcome: 'excess',
        settles: false,
        outstanding: 0,
        surplus: 420_000,
      });
    }
  });

  it('calls money for an expired or cancelled sub-order late', () => {
    for (const status of ['expired', 'cancelled'] as const) {
      expect(classifyTransfer(transfer(420_000), { ...pending, status })).toMatchObject({
        outcome: 'late',
        settles: false,
        surplus: 420_000,
      });
    }
  });

  it('leaves unmatched a transfer naming no sub-order, or reaching another account', () => {
    expect(classifyTransfer(transfer(420_000), null)).toMatchObject({ outcome: 'unmatched', settles: false });
    expect(classifyTransfer(transfer(420_000, '999999999'), pending)).toMatchObject({ outcome: 'unmatched' });
    expect(classifyTransfer(transfer(420_000, null), pending)).toMatchObject({ outcome: 'exact' });
  });

  it('never settles on money going out', () => {
    expect(classifyTransfer({ ...transfer(420_000), direction: 'out' }, pending)).toEqual({
      outcome: 'outgoing',
      settles: false,
      outstanding: 0,
      surplus: 0,
    });
  });

  it('settles exactly when what was received reaches the total, accounting for every đồng', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.nat({ max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (total, received, amount) => {
          fc.pre(received < total);
          const result = classifyTransfer(transfer(amount), { ...pending, total, received });
          expect(result.settles).toBe(received + amount >= total);
          expect(received + amount + result.outstanding - result.surplus).toBe(total);
        },
      ),
    );
  });
});

describe('a notification, from body to outcome', () => {
  it('finds the sub-order in the content the bank passed on and settles it', () => {
    const reference = orderReference('7K2M9XQA', 2);
    const body = { ...SEPAY, content: `MBVCB.3278907687.${reference.toLowerCase()}.CT tu 0987654321 NGUYEN VAN A` };
    const read = readBankNotification(body);
    if (!read.ok) throw new Error(read.error);
    const [notified] = read.transfers as [BankTransfer];
    expect(findOrderReferences(notified.content)).toEqual([{ reference, orderKey: '7K2M9XQA', subOrder: 2 }]);
    const candidate: TransferCandidate = {
      status: 'pending_payment',
      total: 2277000,
      received: 0,
      accountNumber: '0123499999',
    };
    expect(classifyTransfer(notified, candidate)).toMatchObject({ outcome: 'exact', settles: true });
  });
});
