import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { HubConfig } from '@orderhub/common';
import { AuthenticateSessionUseCase } from './application/authenticate-session.use-case';
import { ChangeOwnPasswordUseCase } from './application/change-own-password.use-case';
import { CreateUserUseCase } from './application/create-user.use-case';
import { EnsureFirstAdminUseCase } from './application/ensure-first-admin.use-case';
import { GetUserUseCase } from './application/get-user.use-case';
import { ListUsersUseCase } from './application/list-users.use-case';
import { LoginThrottle } from './application/login-throttle';
import { LoginUseCase } from './application/login.use-case';
import { LogoutUseCase } from './application/logout.use-case';
import { AuditLog, PasswordHasher, SessionRepository, UserRepository } from './application/ports';
import { ResetPasswordUseCase } from './application/reset-password.use-case';
import { UpdateUserUseCase } from './application/update-user.use-case';
import { AUTH_OPTIONS, AuthOptions, FIRST_ADMIN, FirstAdminSettings, loadAuthOptions } from './auth-config';
import { ScryptPasswordHasher } from './infrastructure/crypto/scrypt-password.hasher';
import { IssueNewPasswordUseCase } from './application/issue-new-password.use-case';
import { FirstAdminBootstrapper } from './infrastructure/first-admin.bootstrapper';
import { AuthController } from './infrastructure/http/auth.controller';
import { SessionAuthGuard } from './infrastructure/http/session-auth.guard';
import { UsersController } from './infrastructure/http/users.controller';
import { AuditEventEntity } from './infrastructure/persistence/audit-event.entity';
import { SessionEntity } from './infrastructure/persistence/session.entity';
import { TypeormAuditLog } from './infrastructure/persistence/typeorm-audit.log';
import { TypeormSessionRepository } from './infrastructure/persistence/typeorm-session.repository';
import { TypeormUserRepository } from './infrastructure/persistence/typeorm-user.repository';
import { UserEntity } from './infrastructure/persistence/user.entity';

/**
 * Users, sessions, the global session guard and the audit trail. Global, so any module can inject `AuditLog`
 * without importing this one. Needs PersistenceModule in the same app.
 *
 * `config` names the first administrator; session lifetimes come from HUB_SESSION_* in the environment,
 * validated here at boot, and `options` overrides them (tests use it for small limits).
 */
@Module({})
export class AuthModule {
  static forRoot(config: HubConfig, options: Partial<AuthOptions> = {}): DynamicModule {
    const resolved: AuthOptions = { ...loadAuthOptions(process.env), ...options };
    const firstAdmin: FirstAdminSettings = { email: config.HUB_ADMIN_EMAIL, password: config.HUB_ADMIN_PASSWORD };
    return {
      module: AuthModule,
      global: true,
      imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, AuditEventEntity])],
      controllers: [AuthController, UsersController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: resolved },
        { provide: FIRST_ADMIN, useValue: firstAdmin },
        { provide: PasswordHasher, useFactory: () => new ScryptPasswordHasher() },
        { provide: UserRepository, useClass: TypeormUserRepository },
        { provide: SessionRepository, useClass: TypeormSessionRepository },
        TypeormAuditLog,
        { provide: AuditLog, useExisting: TypeormAuditLog },
        LoginThrottle,
        LoginUseCase,
        LogoutUseCase,
        AuthenticateSessionUseCase,
        CreateUserUseCase,
        UpdateUserUseCase,
        ChangeOwnPasswordUseCase,
        ResetPasswordUseCase,
        GetUserUseCase,
        ListUsersUseCase,
        EnsureFirstAdminUseCase,
        IssueNewPasswordUseCase,
        FirstAdminBootstrapper,
        { provide: APP_GUARD, useClass: SessionAuthGuard },
      ],
      exports: [AuditLog, AUTH_OPTIONS, AuthenticateSessionUseCase, IssueNewPasswordUseCase],
    };
  }
}
