import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HubError } from '@orderhub/contracts';
import type { Response } from 'express';
import { httpAnswerFor } from './shopify-webhook-http';

/** Maps coded errors of the Shopify door to `{"error":{"code","message"}}` with their status. */
@Catch(HubError)
export class ShopifyWebhookExceptionFilter implements ExceptionFilter<HubError> {
  catch(error: HubError, host: ArgumentsHost): void {
    const answer = httpAnswerFor(error);
    host.switchToHttp().getResponse<Response>().status(answer.status).json(answer.body);
  }
}
