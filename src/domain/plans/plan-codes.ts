const ALIASES: Record<string, string> = { professional: 'pro' };

/** The canonical plan code for what a client sent (`professional` is the old name of `pro`). */
export function normalizePlanCode(code: string): string {
  const c = code.trim().toLowerCase();
  return ALIASES[c] ?? c;
}
