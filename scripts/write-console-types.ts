// Writes console/src/api/openapi-types.ts from docs/api/openapi.yaml: `npm run console:types`.
// The console is typed against the committed OpenAPI document, and a test
// checks that this file is what the document generates today.
import { writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const SOURCE = new URL('../docs/api/openapi.yaml', import.meta.url);
export const CONSOLE_TYPES_FILE = new URL('../console/src/api/openapi-types.ts', import.meta.url);

const HEADER = `// Generated from docs/api/openapi.yaml by \`npm run console:types\` (openapi-typescript). Do not edit.\n\n`;

export async function generateConsoleTypes(): Promise<string> {
  const ast = await openapiTS(SOURCE, { alphabetize: false, exportType: false });
  return HEADER + astToString(ast);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(CONSOLE_TYPES_FILE, await generateConsoleTypes());
  process.stdout.write('wrote console/src/api/openapi-types.ts\n');
}
