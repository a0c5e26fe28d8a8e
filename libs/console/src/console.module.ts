import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { consoleStaticMiddleware } from './console-static.middleware';

/**
 * The operator console: static ES modules and CSS under libs/console/public, served at `/` with a strict CSP.
 * Middleware rather than a controller, so it runs before the global session guard (the files are public; the
 * API calls they make are not) and never shadows a controller's route.
 */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(consoleStaticMiddleware()).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
