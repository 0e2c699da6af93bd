import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({ controllers: [UsersController], providers: [UsersService, AccountsRepository], exports: [UsersService, AccountsRepository] })
export class UsersModule {}
