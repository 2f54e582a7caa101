import { inject } from 'vitest';

/** One answer, with the body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Journeys read whatever the contract promises; the shape is checked by their assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A client of one API process of the fleet, speaking plain HTTP as any outside client would. */
export class ApiClient {
  constructor(
    readonly base: string,
    readonly name: string,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get('content-type') ?? '') && text.length > 0;
    return { status: res.status, headers: res.headers, text, body: json ? JSON.parse(text) : undefined };
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }

  post(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request('POST', path, { ...options, body });
  }

  put(path: string, body: unknown, options: RequestOptions = {}) {
    return this.request('PUT', path, { ...options, body });
  }

  patch(path: string, body: unknown, options: RequestOptions = {}) {
    return this.request('PATCH', path, { ...options, body });
  }

  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, options);
  }
}

/** The fleet's two API processes: a journey that starts on one checks the other sees the same state. */
export function apis(): [ApiClient, ApiClient] {
  const [a, b] = inject('fleet').apis;
  return [new ApiClient(a, 'api-1'), new ApiClient(b, 'api-2')];
}

/** Polls `read` until `done` holds for its value, or fails after `timeoutMs` showing the last value. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
