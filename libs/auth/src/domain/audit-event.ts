/**
 * Who did what to which thing. `actor` is a user id, `system`, `anonymous` (a failed sign-in) or
 * `partner:<id>`; `action` is dotted (`auth.login`, `user.create`, `partner.create`).
 */
export interface NewAuditEvent {
  actor: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Never secrets: no passwords, tokens or API keys. */
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export const AuditActors = {
  system: 'system',
  anonymous: 'anonymous',
  user: (userId: string) => userId,
  partner: (partnerId: string) => `partner:${partnerId}`,
} as const;
