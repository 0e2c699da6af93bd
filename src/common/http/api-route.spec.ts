import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Delete, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ApiProperty, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ROLES_KEY } from '../auth/decorators.js';
import { ApiRoute, SignedInApi } from './api-route.js';

class PartDto {
  @ApiProperty() id: string;
}

@SignedInApi('things', { 404: 'No such thing, or not one the caller may see' })
@Controller('things')
class ThingsController {
  @Post(':id/parts')
  @ApiRoute({ roles: ['centre_staff', 'admin'], summary: 'Add a part', created: PartDto, errors: { 409: 'PART_TAKEN', 422: 'PART_BAD' } })
  add(@Param('id') id: string): PartDto {
    return { id };
  }

  @Get()
  @ApiRoute({ summary: 'Every thing', description: 'Newest first', ok: [PartDto] })
  list(): PartDto[] {
    return [];
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiRoute({ roles: ['admin'], summary: 'Remove a thing', noContent: 'Removed' })
  remove(): void {}
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  security?: unknown[];
  responses: Record<string, Record<string, unknown>>;
};

describe('SignedInApi and ApiRoute', () => {
  let app: INestApplication;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false });
    const document: OpenAPIObject = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    paths = document.paths as unknown as Record<string, Record<string, Operation>>;
  });
  afterAll(async () => app?.close());

  const errorShape = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

  it('gives every route the tag, the bearer token and the controller’s own error answers', () => {
    for (const operation of [paths['/things/{id}/parts'].post, paths['/things'].get, paths['/things/{id}'].delete]) {
      expect(operation.tags).toEqual(['things']);
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.responses['404']).toEqual({ description: 'No such thing, or not one the caller may see', content: errorShape });
    }
  });

  it('documents the summary, the success answer and the route’s error codes in the one error shape', () => {
    const add = paths['/things/{id}/parts'].post;
    expect(add.summary).toBe('Add a part');
    expect(add.responses['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/PartDto' } } } });
    expect(add.responses['409']).toEqual({ description: 'PART_TAKEN', content: errorShape });
    expect(add.responses['422']).toEqual({ description: 'PART_BAD', content: errorShape });
    const list = paths['/things'].get;
    expect(list).toMatchObject({ summary: 'Every thing', description: 'Newest first' });
    expect(list.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/PartDto' } } } },
    });
    expect(paths['/things/{id}'].delete.responses['204']).toEqual({ description: 'Removed' });
  });

  it('sets the roles the guard checks, and none where any signed-in role may use the route', () => {
    const routes = ThingsController.prototype;
    expect(Reflect.getMetadata(ROLES_KEY, routes.add)).toEqual(['centre_staff', 'admin']);
    expect(Reflect.getMetadata(ROLES_KEY, routes.remove)).toEqual(['admin']);
    expect(Reflect.getMetadata(ROLES_KEY, routes.list)).toBeUndefined();
  });
});
