/** A JSON call against a bench's API child: throws with the answer on any status of 300 or more. */
export type JsonCall = (method: string, path: string, body: unknown, token?: string) => Promise<Record<string, unknown>>;

export function jsonCaller(base: string): JsonCall {
  return async (method, p, body, token) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
}
