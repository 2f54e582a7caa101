/** Whether the Accept header asks for application/octet-stream at least as much as for JSON. */
export function prefersBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  let binary = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2)) || 0;
    if (type === 'application/octet-stream') binary = Math.max(binary, q);
    else if (type === 'application/json') json = Math.max(json, q);
    else if (type === '*/*' || type === 'application/*') json = Math.max(json, q * 0.99);
  }
  return binary > 0 && binary >= json;
}
