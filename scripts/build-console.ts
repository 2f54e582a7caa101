// Builds the web console into console/dist (or the directory given): `npm run build:console`.
// npm runs it as the prepare script of `npm ci`, so a fresh clone serves /console
// without a separate step. An install without dev dependencies has no Vite: it
// says so and leaves the console unbuilt (the server then answers /console with 503).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_CONFIG = path.join(ROOT, 'console/vite.config.ts');

/** Builds the console into `outDir` (default console/dist); returns the directory. */
export async function buildConsole(outDir = path.join(ROOT, 'console/dist')): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: CONSOLE_CONFIG, build: { outDir }, logLevel: 'warn' });
  return outDir;
}

async function viteInstalled(): Promise<boolean> {
  try {
    await import('vite');
    return true;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!(await viteInstalled())) {
    process.stdout.write(
      'console not built: Vite is a dev dependency and is not installed here (npm ci --omit=dev); /console will answer 503\n',
    );
  } else {
    const started = performance.now();
    const dir = await buildConsole(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    process.stdout.write(
      `built the console into ${path.relative(process.cwd(), dir) || '.'} in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
}
