import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

const NUMBER = { allowNaN: false, allowInfinity: false };

/** A point in WGS-84 degrees; Chenzhou's centre is about 25.77 N, 113.01 E. */
export class LocationDto {
  @ApiProperty({ example: 25.77, minimum: -90, maximum: 90 })
  @IsNumber(NUMBER, { message: 'lat must be a number of degrees north (from -90 to 90)' })
  @Min(-90, { message: 'lat must be at least -90' })
  @Max(90, { message: 'lat must be at most 90' })
  lat: number;

  @ApiProperty({ example: 113.01, minimum: -180, maximum: 180 })
  @IsNumber(NUMBER, { message: 'lng must be a number of degrees east (from -180 to 180)' })
  @Min(-180, { message: 'lng must be at least -180' })
  @Max(180, { message: 'lng must be at most 180' })
  lng: number;
}

export function locationOf(lat: number | null, lng: number | null): LocationDto | null {
  return lat === null || lng === null ? null : { lat, lng };
}
