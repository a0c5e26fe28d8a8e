import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PartnerConnectivityConfig } from '../../partner-connectivity.config';
import { ediRawBodyMiddleware } from '../edi-raw-body.middleware';
import { AS2_PATH } from './as2.controller';

/** AS2 bodies are binary CMS: read as bytes before any global parser sees them (as for the X12 door). */
@Injectable()
export class As2RawBodyMount {
  constructor(adapterHost: HttpAdapterHost, config: PartnerConnectivityConfig) {
    const adapter = adapterHost.httpAdapter as { use?: (...args: unknown[]) => unknown; getType?: () => string } | undefined;
    if (adapter?.use && adapter.getType?.() === 'express') adapter.use(AS2_PATH, ediRawBodyMiddleware(config.as2MaxBodyBytes));
  }
}
