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

/** A route as an onRoute hook sees it: its schema, when it has one. */
interface RouteWithSchema {
  schema?: { response?: unknown };
}

/**
 * Adds problem responses for `statuses` to a route that documents its
 * responses, for what a plugin answers on every route (the route's own
 * schema cannot know of it). The schema is copied, not changed in place: a
 * response map may be shared by several routes.
 */
export function documentProblems(route: RouteWithSchema, statuses: readonly number[]): void {
  const response = route.schema?.response as Record<string, TSchema> | undefined;
  if (!route.schema || !response) return;
  const missing = statuses.filter((s) => !(s in response));
  if (missing.length === 0) return;
  route.schema = { ...route.schema, response: { ...response, ...problems(...missing) } };
}
