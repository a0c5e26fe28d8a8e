import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiResponse } from '@nestjs/swagger';

/** Every master-data route: bearer token, coded JSON errors. */
export const MasterDataApi = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 400, description: 'VALIDATION.FAILED: `details.fields` maps each field to its problems' }),
    ApiResponse({ status: 401, description: 'not signed in' }),
  );

/** `limit` (default 50, max 500), `offset` and the search text `q`. */
export const ApiListQuery = (searches: string) =>
  applyDecorators(
    ApiQuery({ name: 'q', required: false, description: `search: ${searches}` }),
    ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 500 } }),
    ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', default: 0 } }),
    ApiResponse({ status: 200, description: '`{"items": [...], "total": n}`' }),
  );
