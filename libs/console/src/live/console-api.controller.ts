import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles, type AuthenticatedRequest } from '@orderhub/auth';
import { ORDER_PROBLEM_CODES, problemResolution } from '@orderhub/order-core';
import { ExceptionClaims } from './exception-claims';
import { LiveQueue } from './live-queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keeps proxies and idle timeouts from closing a quiet stream. */
const KEEPALIVE_MS = 20_000;

/**
 * What the console needs beyond the resource APIs: the public problem codes (so the console never keeps a copy),
 * names for the ids that documents and histories carry, the live stream of queue changes and claims, and the
 * claims themselves.
 */
@ApiTags('console')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1')
export class ConsoleApiController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ExceptionClaims,
    private readonly queue: LiveQueue,
  ) {}

  @Get('problem-codes')
  @ApiOperation({ summary: 'Every reason code an exception may carry, and whether approving needs a correction first' })
  problemCodes() {
    const items = ORDER_PROBLEM_CODES.map((code) => ({ code, resolution: problemResolution(code) }));
    return { items, total: items.length };
  }

  @Get('names')
  @ApiOperation({
    summary:
      'Display names for references: `ref=partner:<id>`, `ref=user:<email>`, `ref=customer:<id>` (repeatable); unknown ones are left out',
  })
  async names(@Query('ref') ref?: string | string[]): Promise<{ names: Record<string, string> }> {
    const refs = [...new Set((Array.isArray(ref) ? ref : ref ? [ref] : []).slice(0, 200))];
    const byKind = (kind: string) => refs.filter((r) => r.startsWith(`${kind}:`)).map((r) => r.slice(kind.length + 1));
    const names: Record<string, string> = {};
    const partners = byKind('partner').filter((id) => UUID.test(id));
    const customers = byKind('customer').filter((id) => UUID.test(id));
    const users = byKind('user').map((e) => e.toLowerCase());
    const read = async (sql: string, values: string[], prefix: string) => {
      if (values.length === 0) return;
      const rows = (await this.dataSource.query(sql, [values])) as Array<{ key: string; name: string }>;
      for (const row of rows) names[`${prefix}:${row.key}`] = row.name;
    };
    await read(`SELECT id::text AS key, name FROM trading_partner WHERE id = ANY($1::uuid[])`, partners, 'partner');
    await read(`SELECT id::text AS key, name FROM customer WHERE id = ANY($1::uuid[])`, customers, 'customer');
    await read(`SELECT email AS key, name FROM app_user WHERE email = ANY($1::text[])`, users, 'user');
    return { names };
  }

  /**
   * How much of each order was accepted, backordered and shipped, summed over its lines: the console's status
   * badge says "backordered" or "partially backordered" where the order status alone says "accepted".
   */
  @Get('order-fulfilment')
  @ApiOperation({ summary: 'Line quantities summed per order (`id` repeatable, at most 200)' })
  async fulfilment(@Query('id') id?: string | string[]) {
    const ids = [...new Set(Array.isArray(id) ? id : id ? [id] : [])].filter((v) => UUID.test(v)).slice(0, 200);
    if (ids.length === 0) return { items: [], total: 0 };
    const rows = (await this.dataSource.query(
      `SELECT sales_order_id::text AS "orderId", sum(quantity)::text AS ordered, sum(accepted_quantity)::text AS accepted,
              sum(backordered_quantity)::text AS backordered, sum(shipped_quantity)::text AS shipped
         FROM sales_order_line WHERE sales_order_id = ANY($1::uuid[]) GROUP BY sales_order_id`,
      [ids],
    )) as Array<{ orderId: string; ordered: string; accepted: string; backordered: string; shipped: string }>;
    return { items: rows, total: rows.length };
  }

  /**
   * Server-sent events: `queue` ({open, changedAt}) whenever an exception is raised, changed or resolved, and
   * `claims` (who works which exception) whenever that changes. The console refetches what it shows on `queue`.
   */
  @Get('live')
  @ApiOperation({ summary: 'Server-sent events: `queue` and `claims`' })
  live(@Req() req: AuthenticatedRequest, @Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write('retry: 3000\n\n');
    const claimsView = () => this.claims.list().map(({ exceptionId, userId, name, since }) => ({ exceptionId, userId, name, since }));
    send('claims', claimsView());
    const offQueue = this.queue.subscribe((state) => send('queue', state));
    const offClaims = this.claims.onChange(() => send('claims', claimsView()));
    const expiry = setInterval(() => this.claims.expire(), 15_000);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    const untrack = this.queue.track(() => res.end());
    req.on('close', () => {
      untrack();
      offQueue();
      offClaims();
      clearInterval(expiry);
      clearInterval(keepalive);
    });
  }

  @Post('exceptions/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'I am working this exception (renew every 30 s); answers who holds it, which may be someone else' })
  claim(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthenticatedRequest) {
    const user = req.user!;
    const { exceptionId, userId, name, since } = this.claims.claim(id, {
      id: user.id,
      email: user.email,
      name: req.authSession?.name || user.email,
    });
    return { exceptionId, userId, name, since, mine: userId === user.id };
  }

  @Delete('exceptions/:id/claim')
  @HttpCode(204)
  release(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthenticatedRequest): void {
    this.claims.release(id, req.user!.id);
  }
}
