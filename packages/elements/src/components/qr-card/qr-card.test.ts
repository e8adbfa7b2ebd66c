import { expect, fixture, html } from '@open-wc/testing';
import './qr-card.js';
import type { MotcuaQrCard } from './qr-card.component.js';
import { procedureUrl } from './qr-card.component.js';
import { buildVietQr, crc16ccitt } from '../../internal/vietqr.js';
import { qrMatrix } from '../../internal/qr.js';
import { encode } from 'uqr';
import { AGENCY, API, shadowQuery, summary, text } from '../procedure-lookup/test-helpers.js';
import type { ProcedureSummary } from '@motcua/sdk';

const item = summary('2.000635', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh') as unknown as ProcedureSummary;

describe('VietQR payloads', () => {
  it('computes CRC-16/CCITT-FALSE: "123456789" → 29B1', () => {
    expect(crc16ccitt('123456789')).to.equal('29B1');
  });

  it('encodes the three vectors of the domain notes exactly', () => {
    const a = buildVietQr({
      bankBin: '970403',
      account: '0011012345678',
      amount: 180000,
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
    });
    expect(a).to.deep.equal({
      ok: true,
      payload:
        '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E',
    });
    const b = buildVietQr({
      bankBin: '970403',
      account: '9704031101234567',
      service: 'card',
      amount: 180000,
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
    });
    expect(b).to.deep.equal({
      ok: true,
      payload:
        '00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203',
    });
    const c = buildVietQr({ bankBin: '970422', account: 'VQRQADAIJ5512', amount: 7000, purpose: 'TL89 100' });
    expect(c).to.deep.equal({
      ok: true,
      payload: '00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346',
    });
  });

  it('folds Vietnamese in the purpose and names the wrong field instead of throwing', () => {
    const ok = buildVietQr({ bankBin: '970403', account: '123', purpose: 'Lệ phí đăng ký' });
    expect(ok.ok && ok.payload).to.contain('Le phi dang ky');
    expect(buildVietQr({ bankBin: '97040', account: '123' })).to.deep.equal({ ok: false, reason: 'bank_bin', field: 'bank-bin' });
    expect(buildVietQr({ bankBin: '970403', account: '12 3-4' })).to.deep.equal({ ok: false, reason: 'account', field: 'account' });
    expect(buildVietQr({ bankBin: '970403', account: '123', amount: -5 })).to.deep.equal({ ok: false, reason: 'amount', field: 'amount' });
    expect(buildVietQr({ bankBin: '970403', account: '123', purpose: 'x'.repeat(26) })).to.deep.equal({
      ok: false,
      reason: 'text',
      field: 'purpose',
    });
  });
});

describe('QR matrix', () => {
  it('has a 4-module quiet zone and finder patterns, at error correction M', () => {
    const url = 'https://xa-hoa-vang.danang.gov.vn/#thu-tuc=1.001193';
    expect(url.length).to.equal(51);
    const m = qrMatrix(url);
    expect(m.size).to.equal(17 + 4 * m.version + 8);
    // 51 bytes fit version 3 at level L (53), 4 at M (62), 5 at Q (60), 6 at H (58): version 4 proves level M.
    expect(m.version).to.equal(4);
    for (let i = 0; i < m.size; i++) {
      for (const q of [0, 1, 2, 3, m.size - 1, m.size - 2, m.size - 3, m.size - 4]) {
        expect(m.dark[q]![i], `row ${q} col ${i}`).to.equal(false);
        expect(m.dark[i]![q], `row ${i} col ${q}`).to.equal(false);
      }
    }
    // Top-left finder: a dark 7×7 ring starting at (4,4) with a dark 3×3 centre.
    for (let k = 0; k < 7; k++) {
      expect(m.dark[4]![4 + k]).to.equal(true);
      expect(m.dark[10]![4 + k]).to.equal(true);
    }
    expect(m.dark[5]![5]).to.equal(false);
    expect(m.dark[7]![7]).to.equal(true);
  });
});

describe('QR encoder', () => {
  it('fills versions 1–40 to their capacity and draws exactly the modules of the reference encoder (uqr)', () => {
    const alphabets = ['0123456789', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', 'abcxyz0189/:.-#?=&ếăđ ₫😀'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const texts = ['', 'https://xa-hoa-vang.danang.gov.vn/#thu-tuc=1.001193', 'Thủ tục hành chính'];
    // Byte-mode capacity of each version at level M (ISO/IEC 18004, table 7): exactly full, and one byte more.
    const capacity = [
      14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125,
      1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
    ];
    capacity.forEach((bytes, i) => {
      expect(qrMatrix('x'.repeat(bytes)).version).to.equal(i + 1);
      if (i < 39) expect(qrMatrix('x'.repeat(bytes + 1)).version).to.equal(i + 2);
      if (i % 3 === 0) texts.push('x'.repeat(bytes));
    });
    expect(() => qrMatrix('x'.repeat(2332))).to.throw(RangeError);
    for (let n = 0; n < 60; n++) {
      const alphabet = [...alphabets[n % 3]!];
      let text = '';
      for (let i = Math.floor(random() ** 2 * 1500); i > 0; i--) text += alphabet[Math.floor(random() * alphabet.length)];
      texts.push(text);
    }
    const versions = new Set<number>();
    for (const text of texts) {
      const reference = encode(text, { ecc: 'M', border: 4, boostEcc: false });
      const ours = qrMatrix(text);
      versions.add(ours.version);
      expect(ours.version, `version for ${text.length} characters`).to.equal(reference.version);
      expect(ours.dark, `modules for ${JSON.stringify(text.slice(0, 20))}… (${text.length})`).to.deep.equal(reference.data);
    }
    expect(versions.size).to.be.greaterThan(15);
  });
});

describe('<motcua-qr-card>', () => {
  it('shows the QR, name, code, sector, time, fee and the URL in text; default link is the deep link', async () => {
    const el = await fixture<MotcuaQrCard>(html`<motcua-qr-card .data=${item}></motcua-qr-card>`);
    const card = await shadowQuery(el, '[part~="card"]');
    const url = `${location.origin}/#thu-tuc=2.000635`;
    expect(text(card.querySelector('[part~="url"]'))).to.equal(url);
    const body = text(card);
    for (const s of ['Cấp bản sao Trích lục hộ tịch', '2.000635', 'Hộ tịch', '1 ngày làm việc', '8.000 ₫']) expect(body).to.contain(s);
    const svg = card.querySelector('svg[part~="qr"]')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.contain(url);
    expect(svg.getAttribute('viewBox')).to.match(/^0 0 \d+ \d+$/);
    expect(svg.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h\d+v1h-\d+z/);
    await expect(el).to.be.accessible();
  });

  it('fills a custom URL template and refuses non-http templates with a clear message', async () => {
    expect(procedureUrl('https://xa.gov.vn/thu-tuc/{code}?don-vi={agency}', '1.001193', AGENCY)).to.equal(
      `https://xa.gov.vn/thu-tuc/1.001193?don-vi=${AGENCY}`,
    );
    const el = await fixture<MotcuaQrCard>(html`<motcua-qr-card .data=${item} url-template="javascript:alert({code})"></motcua-qr-card>`);
    const card = await shadowQuery(el, '[part~="card"]');
    expect(card.querySelector('svg')).to.equal(null);
    expect(text(card.querySelector('[role="alert"]'))).to.contain('url-template');
  });

  it('adds a fee-payment VietQR, and explains a wrong bank BIN instead of breaking', async () => {
    const el = await fixture<MotcuaQrCard>(
      html`<motcua-qr-card .data=${item} bank-bin="970403" account="0011012345678" amount="8000"></motcua-qr-card>`,
    );
    const card = await shadowQuery(el, '[part~="card"]');
    expect(card.querySelectorAll('svg[part~="qr"]')).to.have.length(2);
    expect(text(card)).to.contain('Số tiền: 8.000 ₫');
    el.bankBin = '97';
    await el.updateComplete;
    expect(card.isConnected ? text(el.shadowRoot!.querySelector('[role="alert"]')) : '').to.contain('bank-bin');
    expect(el.shadowRoot!.querySelectorAll('svg[part~="qr"]')).to.have.length(1);
  });

  it('loads the procedure from the API by its code', async () => {
    const el = await fixture<MotcuaQrCard>(html`<motcua-qr-card api=${API} procedure="1.001193" lang="en"></motcua-qr-card>`);
    const card = await shadowQuery(el, '[part~="card"]');
    expect(text(card)).to.match(/khai sinh/i);
    expect(text(card)).to.contain('Procedure code');
    await expect(el).to.be.accessible();
  });

  it('says when the procedure does not exist', async () => {
    const el = await fixture<MotcuaQrCard>(html`<motcua-qr-card api=${API} procedure="9.999998"></motcua-qr-card>`);
    const alert = await shadowQuery(el, '[role="alert"]');
    expect(text(alert)).to.contain('9.999998');
  });
});
