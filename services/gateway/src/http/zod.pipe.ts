import { PipeTransform } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { describeIssues } from '@switchboard/platform';
import type { z } from 'zod';

/** Validates a body or query against a strict schema: unknown fields and bad values are a 400. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw new CodedError(ErrorCodes.validation, describeIssues(result.error));
    return result.data;
  }
}
