import { Module } from '@nestjs/common';
import { DivisionsController } from './divisions.controller.js';

/** Chenzhou's GB/T 2260 divisions: read by every signed-in role. */
@Module({ controllers: [DivisionsController] })
export class DivisionsModule {}
