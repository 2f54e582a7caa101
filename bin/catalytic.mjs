#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so `npm start` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command (serve/api/worker) keeps the process alive.
    if (code >= 0) process.exit(code);
  },
  (err) => {
    process.stderr.write(`catalytic: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
