import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidInputError, nulCharacterPath } from '@orderhub/contracts';

/**
 * PostgreSQL stores no U+0000 in text or jsonb: a NUL anywhere in a JSON body, query or path parameter would fail
 * the insert deep inside a transaction and surface as a 500. Refused up front instead, with the field named.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const field = nulCharacterPath(value);
    if (field !== undefined) {
      throw new InvalidInputError('VALIDATION.NUL_CHARACTER', `${field} contains a NUL character (U+0000), which cannot be stored`, {
        field,
      });
    }
    return value;
  }
}
