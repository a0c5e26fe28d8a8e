import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { AuditActors } from '../domain/audit-event';
import { AuditLog, SessionRepository } from './ports';

@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(command: { userId: string; sessionId: string }): Promise<void> {
    await this.tx.run(async () => {
      await this.sessions.delete(command.sessionId);
      await this.audit.record({
        actor: AuditActors.user(command.userId),
        action: 'auth.logout',
        subjectType: 'user',
        subjectId: command.userId,
      });
    });
  }
}
