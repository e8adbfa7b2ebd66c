// "Codes to try" on the demo tracker page: today's demo dossiers (one in each status) from the demo server, as links
// that open the tracker on that code. External file, DOM APIs only (no inline script, no HTML strings): strict CSP.
const STATUS = {
  submitted: ['Đã nộp trực tuyến, chờ tiếp nhận', 'Submitted online, awaiting receipt'],
  received: ['Đã tiếp nhận', 'Received'],
  not_accepted: ['Không tiếp nhận', 'Not accepted'],
  processing: ['Đang giải quyết', 'Being processed'],
  supplement_requested: ['Yêu cầu bổ sung hồ sơ', 'Supplement requested'],
  payment_requested: ['Yêu cầu thực hiện nghĩa vụ tài chính', 'Payment requested'],
  withdrawn: ['Công dân rút hồ sơ', 'Withdrawn by the applicant'],
  stopped: ['Dừng xử lý', 'Processing stopped'],
  resolved: ['Đã có kết quả', 'Result ready'],
  returned: ['Đã trả kết quả', 'Result returned'],
};

function span(text, lang) {
  const el = document.createElement('span');
  el.className = lang;
  if (lang === 'en') el.lang = 'en';
  el.textContent = text;
  return el;
}

async function showSampleCodes() {
  const list = document.getElementById('sample-codes');
  if (!list) return;
  try {
    const response = await fetch('demo-dossiers.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const { items } = await response.json();
    for (const item of items) {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `?ma-ho-so=${encodeURIComponent(item.code)}`;
      link.textContent = item.code;
      const [vi, en] = STATUS[item.status] ?? [item.status, item.status];
      li.append(link, ' — ', span(vi, 'vi'), span(en, 'en'));
      if (item.timing === 'overdue') li.append(span(' (quá hạn)', 'vi'), span(' (overdue)', 'en'));
      li.append(span(` · 4 số cuối điện thoại: ${item.phoneLast4}`, 'vi'), span(` · phone ends with ${item.phoneLast4}`, 'en'));
      list.append(li);
    }
  } catch {
    // Not the demo server: the README lists how to get the codes.
  }
}

void showSampleCodes();
