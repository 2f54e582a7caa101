/** The fuzzer's judge: an answer that contradicts the document is caught, one that matches it is not. */
import { describe, expect, it } from 'vitest';
import { OpenApiContract } from './openapi.js';
import { Random } from './random.js';
import { ValueGenerator } from './values.js';

const problem = { $ref: '#/components/schemas/def-0' };
const doc = {
  paths: {
    '/things/{id}': {
      get: {
        parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } }],
        security: [{ bearerAuth: [] }],
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'size'],
                  additionalProperties: false,
                  properties: { id: { type: 'string', format: 'uuid' }, size: { type: 'integer', minimum: 2 } },
                },
              },
            },
          },
          '204': { description: 'Gone' },
          '404': { content: { 'application/json': { schema: problem } } },
        },
      },
    },
  },
  components: {
    schemas: {
      'def-0': {
        type: 'object',
        required: ['type', 'status', 'code'],
        properties: { type: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' } },
      },
    },
  },
};

const contract = new OpenApiContract(doc);
const op = contract.operations[0];
const ID = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';

describe('OpenApiContract', () => {
  it('reads the operations of the document', () => {
    expect(contract.operations).toHaveLength(1);
    expect(op).toMatchObject({ method: 'GET', path: '/things/{id}', authenticated: true, body: null });
  });

  it('accepts answers that match', () => {
    expect(contract.mismatch(op, 200, 'application/json; charset=utf-8', JSON.stringify({ id: ID, size: 3 }))).toBeNull();
    expect(
      contract.mismatch(op, 404, 'application/problem+json', JSON.stringify({ type: 'x', status: 404, code: 'not_found' })),
    ).toBeNull();
    expect(contract.mismatch(op, 204, undefined, '')).toBeNull();
  });

  it('catches an undocumented status, content type or body', () => {
    expect(contract.mismatch(op, 422, 'application/problem+json', '{}')).toMatch(/status 422 is not documented/);
    expect(contract.mismatch(op, 200, 'text/html', '<p>')).toMatch(/content type text\/html is not documented/);
    expect(contract.mismatch(op, 200, 'application/json', '{"id":')).toMatch(/not JSON/);
    expect(contract.mismatch(op, 200, 'application/json', JSON.stringify({ id: 'nope', size: 3 }))).toMatch(/format/);
    expect(contract.mismatch(op, 200, 'application/json', JSON.stringify({ id: ID, size: 1 }))).toMatch(/>= 2/);
    expect(contract.mismatch(op, 200, 'application/json', JSON.stringify({ id: ID, size: 3, extra: 1 }))).toMatch(/additional/);
    expect(contract.mismatch(op, 404, 'application/problem+json', JSON.stringify({ type: 'x' }))).toMatch(/required/);
    expect(contract.mismatch(op, 204, undefined, 'body')).toMatch(/documents no body/);
  });
});

describe('the value generator', () => {
  it('is reproducible from its seed, and its valid values pass the schema they came from', () => {
    const schema = doc.paths['/things/{id}'].get.responses['200'].content['application/json'].schema;
    const run = (seed: number) => {
      const gen = new ValueGenerator(new Random(seed), contract.resolve, {});
      return Array.from({ length: 50 }, () => gen.valid(schema));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    for (const value of run(7)) expect(contract.mismatch(op, 200, 'application/json', JSON.stringify(value))).toBeNull();
  });

  it('splices a NUL or an unpaired surrogate into text', () => {
    // eslint-disable-next-line no-control-regex -- the NUL is what is looked for
    const spliced = /\u0000|[\ud800-\udfff]/g;
    const gen = new ValueGenerator(new Random(1), contract.resolve, {});
    for (let i = 0; i < 20; i++) {
      const bad = gen.badText({ name: 'plain', n: 1 }) as { name: string };
      expect(bad.name.match(spliced)).toHaveLength(1);
      expect(bad.name.replace(spliced, '')).toBe('plain');
    }
  });
});
