import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiSecurity } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

function openApi(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaObject;
}

/**
 * Documents a route from the same zod schemas that validate it, so the OpenAPI document at
 * `/docs/json` cannot drift from what the API accepts.
 */
export function ApiZod(options: {
  body?: z.ZodType;
  query?: z.ZodObject;
  public?: boolean;
}): MethodDecorator {
  const decorators: MethodDecorator[] = [];
  if (!options.public) decorators.push(ApiSecurity('apiKey'));
  if (options.body) decorators.push(ApiBody({ schema: openApi(options.body) }));
  if (options.query) {
    const shape = options.query.shape as Record<string, z.ZodType>;
    for (const [name, field] of Object.entries(shape)) {
      decorators.push(
        ApiQuery({ name, required: !field.safeParse(undefined).success, schema: openApi(field) }),
      );
    }
  }
  return applyDecorators(...decorators);
}
