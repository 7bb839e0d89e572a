import { describe, expect, it } from 'vitest';
import { parseLogin, signInLockKey, storedPhoneSpellings } from '../../worker/domain/login';

/** How people type 0912 345 678 on a phone or a keyboard. */
const PHONE_SPELLINGS = [
  '0912345678',
  '0912 345 678',
  '0912.345.678',
  '0912-345-678',
  '+84912345678',
  '+84 912 345 678',
  '+84 (0) 912 345 678',
  '84912345678',
  '0084912345678',
  '(0912) 345 678',
  ' 0912345678 ',
  '０９１２３４５６７８',
  '0912\u00a0345\u00a0678',
];

describe('parseLogin', () => {
  it.each(PHONE_SPELLINGS)('reads %j as the one domestic number', (typed) => {
    expect(parseLogin(typed)).toEqual({ kind: 'phone', value: '0912345678' });
  });

  it.each(['Lan@HTX.vn', ' lan@htx.vn', 'LAN@HTX.VN', 'lan@htx.vn ', 'Ｌａｎ＠ＨＴＸ.vn'])(
    'reads %j as lan@htx.vn',
    (typed) => {
      expect(parseLogin(typed)).toEqual({ kind: 'email', value: 'lan@htx.vn' });
    },
  );

  it('keeps a landline and a foreign number apart from mobiles', () => {
    expect(parseLogin('028 3825 1234')).toEqual({ kind: 'phone', value: '02838251234' });
    expect(parseLogin('+1 (555) 123-4567')).toEqual({ kind: 'other', value: '+15551234567' });
  });
});

describe('storedPhoneSpellings', () => {
  it('lists the domestic form and the forms invitations once stored as typed', () => {
    expect(storedPhoneSpellings('0912345678')).toEqual(['0912345678', '+84912345678', '84912345678']);
  });
});

describe('signInLockKey', () => {
  it('is the account when the login names one, whatever the spelling', () => {
    const keys = PHONE_SPELLINGS.map((typed) => signInLockKey(42, parseLogin(typed)));
    expect(new Set(keys)).toEqual(new Set(['login:user:42']));
  });

  it('is the one spelling of the login when no account has it', () => {
    const keys = PHONE_SPELLINGS.map((typed) => signInLockKey(null, parseLogin(typed)));
    expect(new Set(keys)).toEqual(new Set(['login:name:phone:0912345678']));
    expect(signInLockKey(null, parseLogin('Nobody@X.vn'))).toBe(signInLockKey(null, parseLogin('nobody@x.VN')));
  });
});
