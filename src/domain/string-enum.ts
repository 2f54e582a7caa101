import { type SchemaOptions, Type } from '@sinclair/typebox';

/**
 * A string limited to `values`, as one JSON Schema `enum` rather than TypeBox's
 * union of constants: the OpenAPI document shows a plain list and a validation failure names
 * the allowed values in one sentence.
 */
export const StringEnum = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
