/**
 * RFC 9457 problem details: every error the server returns.
 * @module
 */
import type { Problem } from '@motcua/sdk/schemas';

export const PROBLEM_TYPE_BASE = 'https://motcua.dev/problems/';

const TITLES: Record<string, string> = {
  invalid_request: 'Yêu cầu không hợp lệ',
  not_found: 'Không tìm thấy',
  dossier_not_found: 'Không tìm thấy hồ sơ',
  rate_limited: 'Quá nhiều yêu cầu',
  already_rated: 'Hồ sơ đã được đánh giá',
  proof_required: 'Cần xác minh chủ hồ sơ',
  proof_invalid: 'Bằng chứng chủ hồ sơ không hợp lệ',
  not_finished: 'Hồ sơ chưa giải quyết xong',
  device_required: 'Cần máy kiosk đã đăng ký',
  device_invalid: 'Máy kiosk không hợp lệ',
  idempotency_conflict: 'Khóa Idempotency-Key đã được dùng cho một đánh giá khác',
  payload_too_large: 'Dữ liệu gửi lên quá lớn',
  unsupported_media_type: 'Kiểu dữ liệu không được hỗ trợ',
  method_not_allowed: 'Phương thức không được hỗ trợ',
  internal_error: 'Lỗi máy chủ',
  unavailable: 'Dịch vụ tạm thời không khả dụng',
};

export interface ProblemInit {
  status: number;
  code: string;
  detail?: string;
  title?: string;
  errors?: Problem['errors'];
  retryAfter?: number;
  instance?: string;
  headers?: Record<string, string>;
}

export function problemBody(init: ProblemInit): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${init.code.replaceAll('_', '-')}`,
    title: init.title ?? TITLES[init.code] ?? 'Lỗi',
    status: init.status,
    code: init.code,
    ...(init.detail !== undefined ? { detail: init.detail } : {}),
    ...(init.instance !== undefined ? { instance: init.instance } : {}),
    ...(init.errors !== undefined ? { errors: init.errors } : {}),
    ...(init.retryAfter !== undefined ? { retryAfter: init.retryAfter } : {}),
  };
}

export function problemResponse(init: ProblemInit): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    ...init.headers,
  };
  if (init.retryAfter !== undefined) headers['retry-after'] = String(init.retryAfter);
  return new Response(JSON.stringify(problemBody(init)), { status: init.status, headers });
}

/** Field errors of a failed zod parse, as `{ path, message }`. */
export function issuesToErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: readonly string[] }>,
): Array<{
  path: string;
  message: string;
}> {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return { path: path || issue.keys.join(','), message: `Trường không được phép: ${issue.keys.join(', ')}` };
    }
    return { path, message: issue.message };
  });
}
