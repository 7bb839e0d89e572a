import { describe, expect, it } from 'vitest';
import { buildStampCsv } from '../../worker/print/stamp-csv';

const url = (serial: string) => `https://OCOP.EXAMPLE.VN/01/08938501234567/10/L2611A/21/${serial}`;

describe('buildStampCsv', () => {
  it('lists serial and URL, one CRLF-terminated row per stamp, without a pin column when no stamp has one', () => {
    const csv = buildStampCsv([
      { serial: 'MO00000001', url: url('MO00000001') },
      { serial: 'MO00000002', url: url('MO00000002') },
    ]);

    expect(csv).toBe(`serial,url\r\nMO00000001,${url('MO00000001')}\r\nMO00000002,${url('MO00000002')}\r\n`);
  });

  it('adds the pin column when any stamp has a PIN, empty for those without', () => {
    const csv = buildStampCsv([
      { serial: 'MO00000001', url: url('MO00000001'), pin: '00031337' },
      { serial: 'MO00000002', url: url('MO00000002') },
    ]);

    expect(csv.split('\r\n')).toEqual([
      'serial,url,pin',
      `MO00000001,${url('MO00000001')},00031337`,
      `MO00000002,${url('MO00000002')},`,
      '',
    ]);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    const csv = buildStampCsv([{ serial: 'A,1', url: 'say "hi"', pin: 'line\nbreak' }]);

    expect(csv).toBe('serial,url,pin\r\n"A,1","say ""hi""","line\nbreak"\r\n');
  });

  it('gives just the header for an empty batch', () => {
    expect(buildStampCsv([])).toBe('serial,url\r\n');
  });
});
