import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { Schema } from './values.js';

/** One documented operation: what a request may carry and what each status answers. */
export interface DocOperation {
  method: string;
  /** The documented path, `{name}` for each path parameter. */
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  /** The JSON body's schema, when the operation takes one. */
  body: Schema | null;
  bodyExamples: unknown[];
  /** Status (or `default`) → content type → JSON pointer to the schema in the document (null: no schema). */
  responses: Record<string, Record<string, string | null>>;
  authenticated: boolean;
}

type OpenApiDoc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const pointerSegment = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

/** The operations of an OpenAPI 3.1 document, and a validator of answers against it. */
export class OpenApiContract {
  readonly operations: DocOperation[] = [];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  constructor(private readonly doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    // ajv-formats is CommonJS: its plugin is the module itself or its default export, depending on the loader.
    const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(doc as unknown as Schema, 'openapi');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const params = ((op.parameters ?? []) as DocOperation['params']).filter((p) => p.in !== 'header');
        const rb = op.requestBody as
          { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> } | undefined;
        const json = rb?.content?.['application/json'];
        const responses: DocOperation['responses'] = {};
        for (const [status, r] of Object.entries(
          (op.responses ?? {}) as Record<string, { content?: Record<string, { schema?: Schema }> }>,
        )) {
          responses[status] = {};
          for (const [type, media] of Object.entries(r.content ?? {})) {
            responses[status][type] = media.schema
              ? ['paths', path, method, 'responses', status, 'content', type, 'schema'].map(pointerSegment).join('/')
              : null;
          }
        }
        this.operations.push({
          method: method.toUpperCase(),
          path,
          params,
          body: json?.schema ?? null,
          bodyExamples: Object.values(json?.examples ?? {}).map((e) => e.value),
          responses,
          authenticated: Array.isArray(op.security) && op.security.length > 0,
        });
      }
    }
  }

  /** A schema of the document by its `$ref` (`#/components/schemas/...`). */
  resolve = (ref: string): Schema => {
    const parts = ref.replace(/^#\//, '').split('/');
    let node: unknown = this.doc;
    for (const p of parts) node = (node as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as Schema;
  };

  /**
   * Why an answer does not match the document, or null when it does: its
   * status must be documented, its content type documented for that status
   * (a problem document as application/problem+json is described by the
   * status's JSON schema), and its JSON body valid against that schema.
   */
  mismatch(op: DocOperation, status: number, contentType: string | undefined, body: string): string | null {
    const byType = op.responses[String(status)] ?? op.responses.default;
    if (!byType) return `status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
    const types = Object.keys(byType);
    if (types.length === 0) return body.length === 0 ? null : `status ${status} documents no body, got ${body.length} bytes`;
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const key = type in byType ? type : type === 'application/problem+json' && 'application/json' in byType ? 'application/json' : null;
    if (key === null) return `content type ${type || '(none)'} is not documented for ${status} (documented: ${types.join(', ')})`;
    const pointer = byType[key];
    if (pointer === null || !key.endsWith('json')) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `the ${status} body is not JSON: ${body.slice(0, 200)}`;
    }
    const validate = this.validator(pointer);
    if (validate(parsed)) return null;
    return `the ${status} body does not match its schema: ${this.ajv.errorsText(validate.errors)}`;
  }

  private validator(pointer: string): ReturnType<Ajv2020['compile']> {
    let v = this.validators.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `openapi#/${pointer}` });
      this.validators.set(pointer, v);
    }
    return v;
  }
}
