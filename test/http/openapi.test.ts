import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../scripts/write-openapi.js';

describe('committed OpenAPI document', () => {
  it('matches the document generated from the route schemas (run `npm run openapi` after changing a route)', async () => {
    const committed = await readFile(new URL('../../docs/api/openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });
});
