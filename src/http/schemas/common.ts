import { type TSchema, Type } from '@sinclair/typebox';
import { Uuid } from '../../domain/common-schemas.js';

/** Path parameters of a route on one resource. */
export const IdParams = Type.Object({ id: Uuid });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    request_id: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ location: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

const problemRef = Type.Ref('Problem');

/** Problem responses for the given statuses, to spread into a route's `response` schema. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemRef]));
}

/** The problems every authenticated route can answer with. */
export const AUTHED_PROBLEMS = [401, 403, 429] as const;

/** A confirmation the route words itself. */
export const Message = Type.Object({ message: Type.String() });
