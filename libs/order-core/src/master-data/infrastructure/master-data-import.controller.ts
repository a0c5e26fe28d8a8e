import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@orderhub/auth';
import { IMPORT_KINDS, ImportMasterDataUseCase, type ImportKind, type ImportResult } from '../application/import-master-data.use-case';
import { ValidationFailedError } from '../domain/master-data.errors';
import { MasterDataApi } from './api-docs';

@ApiTags('master data')
@MasterDataApi()
@Controller('api/v1/master-data')
export class MasterDataImportController {
  constructor(private readonly importMasterData: ImportMasterDataUseCase) {}

  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk upsert by natural key, all or nothing',
    description:
      'A JSON array of the same objects the single-item endpoints take, or CSV (Content-Type text/csv) whose header names the fields ' +
      '(`shipTo.code`, ... for ship-tos; `;` between list entries; conversions as `CS=12;PL=480`; customers and part numbers may name ' +
      'customers by `customerCode`). Natural keys: customer code, sku, price-rule code (rules without one are always added), sku+warehouse, ' +
      'customer+partNumber. Any bad row: 422 IMPORT.ROWS_INVALID with `details.errors: [{row, field, message}]` and nothing written.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiQuery({ name: 'kind', enum: IMPORT_KINDS })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' }, example: [{ sku: 'WID-100', warehouse: 'EAST', onHand: '120' }] } })
  @ApiResponse({ status: 200, description: '`{"imported": n, "updated": n, "errors": []}`' })
  @ApiResponse({ status: 422, description: 'IMPORT.ROWS_INVALID: nothing was written' })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    description: '`true`: check every row against the database, write nothing, answer 200 with the problems',
  })
  run(@Query('kind') kind: string | undefined, @Body() body: unknown, @Query('dryRun') dryRun?: string): Promise<ImportResult> {
    if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationFailedError({ kind: [`must be one of ${IMPORT_KINDS.join(', ')}`] });
    }
    return this.importMasterData.execute(kind as ImportKind, body, { dryRun: dryRun === 'true' || dryRun === '1' });
  }
}
