import { Controller, Get } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { DIVISIONS } from './divisions.js';

export class StreetDto {
  @ApiProperty({ example: '431002001' }) code: string;
  @ApiProperty({ example: '人民路街道' }) name: string;
}

export class DivisionDto {
  @ApiProperty({ example: '431002', description: 'GB/T 2260 county-level code' }) code: string;
  @ApiProperty({ example: '北湖区' }) name: string;
  @ApiProperty({ type: [StreetDto], description: 'Streets (街道) and towns (镇/乡)' }) streets: StreetDto[];
}

@SignedInApi('divisions')
@Controller('divisions')
export class DivisionsController {
  @Get()
  @ApiRoute({ summary: 'Chenzhou’s county-level divisions and their streets and towns, with GB/T 2260 codes', ok: [DivisionDto] })
  list(): DivisionDto[] {
    return DIVISIONS.map((d) => ({ code: d.code, name: d.name, streets: d.streets.map((s) => ({ code: s.code, name: s.name })) }));
  }
}
