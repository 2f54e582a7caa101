/** An API failure as the server described it (RFC 9457 problem details); `detail` is what people read. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: { location: string; message: string }[] = [],
    readonly requestId: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** Builds the problem from a failed response, whatever its body turned out to be. */
export async function problemFrom(res: Response): Promise<ApiProblem> {
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page, or an empty body: the status line is all there is.
  }
  const detail = typeof body.detail === 'string' ? body.detail : `${res.status} ${res.statusText || 'error'}`;
  const code = typeof body.code === 'string' ? body.code : 'http_error';
  const errors = Array.isArray(body.errors) ? (body.errors as { location: string; message: string }[]) : [];
  const requestId = typeof body.request_id === 'string' ? body.request_id : res.headers.get('x-request-id');
  return new ApiProblem(res.status, code, detail, errors, requestId, retryAfter);
}

/** A sentence for any thrown value: an API problem's detail, or what the browser said. */
export function describeError(err: unknown): string {
  if (err instanceof ApiProblem) return err.detail;
  if (err instanceof TypeError) return `The server could not be reached (${err.message}).`;
  return err instanceof Error ? err.message : String(err);
}
