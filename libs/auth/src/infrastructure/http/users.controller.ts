import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateUserUseCase } from '../../application/create-user.use-case';
import { GetUserUseCase } from '../../application/get-user.use-case';
import { ListUsersUseCase } from '../../application/list-users.use-case';
import { ResetPasswordUseCase } from '../../application/reset-password.use-case';
import { UpdateUserUseCase } from '../../application/update-user.use-case';
import { AuthErrors } from '../../domain/auth.errors';
import { toUserView, UserView } from '../../domain/user';
import { AuthenticatedUser, Roles } from '../../roles.decorator';
import { createUserSchema, isUuid, pageSchema, parseInput, updateUserSchema } from './auth.schemas';
import type { AuthenticatedRequest } from './authenticated-request';
import { CurrentUser } from './current-user.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly getUser: GetUserUseCase,
    private readonly listUsers: ListUsersUseCase,
    private readonly resetPassword: ResetPasswordUseCase,
  ) {}

  @Post()
  async create(@Body() body: unknown, @CurrentUser() actor: AuthenticatedUser): Promise<UserView> {
    const input = parseInput(createUserSchema, body);
    return toUserView(await this.createUser.execute({ actorId: actor.id, ...input }));
  }

  @Get()
  async list(@Query() query: unknown): Promise<{ items: UserView[]; total: number }> {
    const page = await this.listUsers.execute(parseInput(pageSchema, query));
    return { items: page.items.map(toUserView), total: page.total };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<UserView> {
    if (!isUuid(id)) throw AuthErrors.userNotFound(id);
    return toUserView(await this.getUser.execute(id));
  }

  @Patch(':id')
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<UserView> {
    if (!isUuid(id)) throw AuthErrors.userNotFound(id);
    const input = parseInput(updateUserSchema, body);
    return toUserView(await this.updateUser.execute({ actorId: actor.id, actorSessionId: req.authSession?.id, userId: id, ...input }));
  }

  /** A new random password for the user, answered once; every session of theirs ends. */
  @Post(':id/reset-password')
  @HttpCode(200)
  async reset(
    @Param('id') id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<{ password: string }> {
    if (!isUuid(id)) throw AuthErrors.userNotFound(id);
    req.res?.setHeader('Cache-Control', 'no-store');
    return this.resetPassword.execute({ actorId: actor.id, userId: id });
  }
}
