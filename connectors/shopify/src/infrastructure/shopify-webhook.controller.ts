import { Controller, HttpCode, Post, Req, UseFilters, type RawBodyRequest } from '@nestjs/common';
import { Public } from '@orderhub/auth';
import { HubError } from '@orderhub/contracts';
import type { Request } from 'express';
import { ReceiveShopifyWebhookUseCase, type ReceiveShopifyWebhookResult } from '../application/receive-shopify-webhook.use-case';
import { ShopifyErrorCode } from '../domain/shopify.errors';
import { ShopifyWebhookExceptionFilter } from './shopify-webhook.exception-filter';
import { countInboundDocument } from '@orderhub/platform';

export type ShopifyWebhookResponse =
  | { received: true; status: 'accepted' | 'duplicate'; duplicate: boolean; rawDocumentId: string }
  | { received: true; status: 'rejected'; duplicate: false; rawDocumentId: string; code: string };

/** `POST /webhooks/shopify`: authenticated by its HMAC alone; 200 once the raw body is stored. */
@Public()
@Controller('webhooks')
@UseFilters(ShopifyWebhookExceptionFilter)
export class ShopifyWebhookController {
  constructor(private readonly receive: ReceiveShopifyWebhookUseCase) {}

  @Post('shopify')
  @HttpCode(200)
  async handle(@Req() req: RawBodyRequest<Request>): Promise<ShopifyWebhookResponse> {
    // rawBody from shopifyRawBodyMiddleware or Nest's `rawBody: true`; parsed JSON is useless for an HMAC.
    const rawBody = req.rawBody ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
    if (!rawBody) {
      throw new HubError(
        ShopifyErrorCode.RawBodyUnavailable,
        'raw request body unavailable: create the app with rawBody: true or mount shopifyRawBodyMiddleware',
      );
    }
    const result = await this.receive.execute({ headers: req.headers, rawBody });
    if (!(result.status !== 'rejected' && result.duplicate)) countInboundDocument('shopify');
    return toResponse(result);
  }
}

function toResponse(result: ReceiveShopifyWebhookResult): ShopifyWebhookResponse {
  switch (result.status) {
    case 'accepted':
    case 'duplicate':
      return { received: true, status: result.status, duplicate: result.duplicate, rawDocumentId: result.rawDocumentId };
    case 'rejected':
      return { received: true, status: 'rejected', duplicate: false, rawDocumentId: result.rawDocumentId, code: result.code };
  }
}
