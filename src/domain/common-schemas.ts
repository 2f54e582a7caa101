import { Type } from '@sinclair/typebox';
import { UUID_PATTERN } from '../platform/ids.js';

/** Schemas every area's payloads share. */
export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'UUID (time-ordered v7)' });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO-8601 UTC' });
