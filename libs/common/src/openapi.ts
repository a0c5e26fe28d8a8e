import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtension, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** A zod schema as OpenAPI 3.1 JSON Schema: what the route's own validation accepts (input) or answers (output). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

export interface RouteSchemas {
  /** The zod schema the handler parses its body with. */
  body?: z.ZodType;
  /** The zod object the handler parses its query string with: one parameter per key. */
  query?: z.ZodObject;
  /** What the handler answers, as a zod schema. */
  response?: z.ZodType;
  /** Status of that answer; default 200 (201 for a body that creates). */
  status?: number;
  /** Answered without a body (204). */
  noContent?: boolean;
  /** An unsafe method that takes no body (logout, cancel): said so, for the completeness test. */
  noBody?: boolean;
}

/**
 * The one line a route needs for complete OpenAPI, from the same zod schemas the handler validates with:
 *   @ApiSchemas({ body: loginSchema, response: loginAnswerSchema })
 */
export function ApiSchemas(route: RouteSchemas): MethodDecorator {
  const decorators: MethodDecorator[] = [];
  if (route.body) decorators.push(ApiBody({ required: true, schema: jsonSchemaOf(route.body, 'input') as never }));
  if (route.query) {
    const shape = route.query.shape as Record<string, z.ZodType>;
    for (const [name, field] of Object.entries(shape)) {
      decorators.push(ApiQuery({ name, required: !field.safeParse(undefined).success, schema: jsonSchemaOf(field, 'input') as never }));
    }
  }
  if (route.noBody) decorators.push(ApiExtension('x-no-body', true));
  if (route.noContent) decorators.push(ApiResponse({ status: 204, description: 'Done; no body' }));
  else if (route.response)
    decorators.push(
      ApiResponse({ status: route.status ?? 200, description: 'Success', schema: jsonSchemaOf(route.response, 'output') as never }),
    );
  return applyDecorators(...decorators);
}

/** The coded error every failure answers (HttpErrorFilter). */
export const errorAnswerSchema = z.object({
  error: z.object({
    code: z.string().describe('stable dotted code, e.g. ORDER.DUPLICATE_PO'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * Security and shared fixes applied to the generated document in one place: sessions are opaque bearer tokens (or
 * the console's cookie), partners use X-Api-Key, Idempotency-Key is optional, and every operation documents the
 * coded error answer.
 */
export function finishOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.securitySchemes = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'The opaque session token from POST /api/v1/auth/login: random, looked up server-side, nothing to decode.',
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: 'orderhub_session',
      description: 'The console session cookie; unsafe requests also send X-CSRF-Token.',
    },
    'partner-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A trading partner's API key, shown once at creation." },
  };
  document.components.schemas = { ...(document.components.schemas ?? {}), Error: jsonSchemaOf(errorAnswerSchema, 'output') as never };
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(
      item as Record<
        string,
        { security?: unknown[]; parameters?: Array<Record<string, unknown>>; responses?: Record<string, unknown> } | undefined
      >,
    )) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      // Nest marks a @Headers() parameter required; an Idempotency-Key is a choice of the caller.
      for (const p of op.parameters ?? []) {
        if (p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key') {
          Object.assign(p, {
            name: 'Idempotency-Key',
            required: false,
            description: 'Optional: a retry with the same key answers the first result.',
            schema: { type: 'string', maxLength: 200 },
          });
        }
      }
      if (op.security?.some((s) => 'bearer' in (s as object))) op.security = [{ bearer: [] }, { session: [] }];
      op.responses = {
        ...op.responses,
        default: { description: 'A coded error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      };
    }
  }
  return document;
}
