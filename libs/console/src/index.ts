export { ConsoleModule } from './console.module';
export { CONSOLE_CSP, consolePublicDir, consoleStaticMiddleware } from './console-static.middleware';
