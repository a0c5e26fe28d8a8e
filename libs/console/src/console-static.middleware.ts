import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths the console never answers: the API, inbound webhooks and operations keep their own 404s. */
const NOT_CONSOLE = /^\/(api|webhooks|health|metrics)(\/|$)/;

/**
 * Scripts, styles, frames and fetches from our own origin only; PDFs are shown from blob: URLs (the hub answers
 * every response with X-Frame-Options DENY, so a same-origin frame of the API would be refused).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the static files are: beside the sources (run from source), or under the working directory (built). */
export function consolePublicDir(): string {
  const candidates = [resolve(__dirname, '../public'), resolve(process.cwd(), 'libs/console/public')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

/**
 * Serves the console's files with express.static, and index.html for any other page address (the console routes
 * in the browser: /orders/123 reloads into the same app). Runs as Nest middleware, before guards: these files
 * hold no data, and every API call the console makes is authenticated on its own.
 */
/** pdf.js as published (pdfjs-dist): loaded by the exception page only when the source is a PDF. */
function pdfjsDir(): string | null {
  try {
    return join(dirname(require.resolve('pdfjs-dist/package.json')));
  } catch {
    return null;
  }
}
const PDFJS_FILES = /^\/vendor\/pdfjs\/(build\/pdf\.min\.mjs|build\/pdf\.worker\.min\.mjs|standard_fonts\/[A-Za-z0-9_.-]+)$/;

export function consoleStaticMiddleware(root: string = consolePublicDir()): RequestHandler {
  const files = express.static(root, {
    index: 'index.html',
    etag: true,
    lastModified: true,
    fallthrough: true,
    // No build step means no fingerprinted names: browsers revalidate (a 304 costs a round trip, no bytes).
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache, must-revalidate' : 'public, max-age=0, must-revalidate');
    },
  });
  const indexFile = join(root, 'index.html');
  const pdfjsRoot = pdfjsDir();
  // Published files of one pinned version: a day of caching is safe (the version is pinned in package.json).
  const pdfjs = pdfjsRoot
    ? express.static(pdfjsRoot, {
        index: false,
        fallthrough: true,
        setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=86400'),
      })
    : null;

  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    if (NOT_CONSOLE.test(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    const vendor = PDFJS_FILES.exec(path);
    if (vendor && pdfjs) {
      req.url = `/${vendor[1]}`;
      return pdfjs(req, res, next);
    }
    files(req, res, () => {
      // Only page addresses fall back to the app; a missing /x.js stays a 404 rather than HTML with status 200.
      if (extname(path) !== '' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache, must-revalidate');
      res.sendFile(indexFile, (error?: Error) => error && next(error));
    });
  };
}
