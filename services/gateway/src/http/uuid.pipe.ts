import { PipeTransform } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path that is not a UUID names nothing: 404, like any unknown id. */
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new CodedError(ErrorCodes.notFound, 'not found');
    return value.toLowerCase();
  }
}

export const uuidParam = new UuidPipe();
