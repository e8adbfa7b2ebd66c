// Fees and processing times: whole numbers are written without Intl.NumberFormat (its first use costs 100–300 ms on a
// phone), and must read exactly as Intl writes them; fractions still go through Intl.
import { expect } from '@open-wc/testing';
import { formatFeeSummary, formatProcessingTime, formatVnd, viCollator, warmViCollator } from './format.js';

const WHOLE = [
  0,
  1,
  5,
  12,
  999,
  1000,
  1001,
  8000,
  12_345,
  100_000,
  999_999,
  1_000_000,
  1_234_567,
  50_000_000,
  1e15,
  Number.MAX_SAFE_INTEGER,
];

describe('format', () => {
  it('writes whole VND amounts exactly as Intl does in vi-VN (groups of three with ".", a no-break space, ₫)', () => {
    const intl = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
    for (const amount of [...WHOLE, -8000]) expect(formatVnd(amount), String(amount)).to.equal(intl.format(amount));
    expect(formatVnd(8000)).to.equal('8.000\u00a0₫');
    // A fraction is rounded as Intl rounds it (VND has no minor unit).
    expect(formatVnd(8000.6)).to.equal(intl.format(8000.6));
  });

  it('writes fee ranges with the same amounts', () => {
    expect(formatFeeSummary('vi', { minVnd: 50_000, maxVnd: 1_500_000 })).to.equal('50.000\u00a0₫ – 1.500.000\u00a0₫');
    expect(formatFeeSummary('vi', { minVnd: 0, maxVnd: 0 })).to.equal('Miễn phí');
  });

  it('writes processing times as Intl does in vi-VN and en-GB, fractions included', () => {
    for (const value of [...WHOLE, 0.5, 2.25, 1234.5]) {
      const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value);
      const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value);
      expect(formatProcessingTime('vi', { value, unit: 'day' }), String(value)).to.equal(`${vi} ngày`);
      expect(formatProcessingTime('en', { value, unit: 'month' }), String(value)).to.equal(`${en} ${en === '1' ? 'month' : 'months'}`);
    }
    expect(formatProcessingTime('vi', { value: 15, unit: 'working_day' })).to.equal('15 ngày làm việc');
  });
});

describe('viCollator', () => {
  it('is one collator for the page, built ahead by warmViCollator in a later task, sorting in Vietnamese order', async () => {
    warmViCollator();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const collator = viCollator();
    expect(viCollator()).to.equal(collator);
    // đ after d, ư after u, as a Vietnamese reader expects (code-point order would put "Đất đai" after "Y tế").
    expect(['Y tế', 'Đất đai', 'Dân số', 'Ưu đãi', 'Giáo dục'].sort(collator.compare)).to.deep.equal([
      'Dân số',
      'Đất đai',
      'Giáo dục',
      'Ưu đãi',
      'Y tế',
    ]);
  });
});
