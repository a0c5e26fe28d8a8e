import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { consoleStaticMiddleware } from './console-static.middleware';
import { ConsoleApiController } from './live/console-api.controller';
import { ExceptionClaims } from './live/exception-claims';
import { LiveQueue } from './live/live-queue';

/**
 * The operator console: static ES modules and CSS under libs/console/public, served at `/` with a strict CSP.
 * Middleware rather than a controller, so it runs before the global session guard (the files are public; the
 * API calls they make are not) and never shadows a controller's route. Beside it, the few endpoints only the
 * console needs: problem codes, names, the live stream and exception claims.
 */
@Module({
  controllers: [ConsoleApiController],
  providers: [LiveQueue, { provide: ExceptionClaims, useFactory: () => new ExceptionClaims() }],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(consoleStaticMiddleware()).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
