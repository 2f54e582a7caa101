import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldProblem, invalidFields } from '../../domain/errors.js';
import { documentProblems } from '../schemas/common.js';

/*
 * Text no part of the service can hold: a NUL character (PostgreSQL refuses
 * it in text and jsonb) and a UTF-16 surrogate without its pair (it has no
 * UTF-8 form, so it would be stored as U+FFFD or refused as JSON). Every
 * request is checked once, here, before its route's schema: the JSON body
 * (member names and values, at any depth), the query string and the path
 * parameters. A request holding one is refused with a 422 naming each field.
 */

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be accepted, or null when it can. */
export function textFault(text: string): string | null {
  const found = BAD_TEXT.exec(text);
  if (!found) return null;
  return found[0] === '\u0000' ? 'must not contain a NUL character' : 'must not contain an unpaired UTF-16 surrogate';
}

/** At most this many problems are listed; one is enough to refuse the request. */
const MAX_PROBLEMS = 10;

/**
 * The problems of every string in `value`, a parsed JSON document or a parsed
 * query string, each located as `root.member.index...` (the form the schema
 * validator's problems take). Iterative, so a deeply nested body cannot
 * exhaust the stack; it stops at the first MAX_PROBLEMS.
 */
export function textProblems(root: string, value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: [string, unknown][] = [[root, value]];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'string') {
      const fault = textFault(v);
      if (fault) problems.push({ field: path, message: fault });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}.${i}`, v[i]]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const fault = textFault(key);
        // The member's name cannot be echoed as its location, so the problem is placed on the object holding it.
        if (fault) problems.push({ field: path, message: `has a member name that ${fault}` });
        else stack.push([`${path}.${key}`, (v as Record<string, unknown>)[key]]);
      }
    }
  }
  return problems;
}

/** Where each part of a request is named in a problem's location (as the schema validator's problems name them). */
const PARTS = [
  ['path', (r: FastifyRequest) => r.params],
  ['query', (r: FastifyRequest) => r.query],
  ['body', (r: FastifyRequest) => r.body],
] as const;

export const textHygiene = fp(
  async (app: FastifyInstance) => {
    // Any route can answer this 422, so every route's documented responses say so.
    app.addHook('onRoute', (route) => documentProblems(route, [422]));
    // preValidation: the body is parsed by then, and the route's schema has not looked at it yet.
    app.addHook('preValidation', async (request) => {
      const problems: FieldProblem[] = [];
      for (const [root, part] of PARTS) problems.push(...textProblems(root, part(request)));
      if (problems.length > 0) throw invalidFields(problems.slice(0, MAX_PROBLEMS), 'Request validation failed');
    });
  },
  { name: 'text-hygiene' },
);
