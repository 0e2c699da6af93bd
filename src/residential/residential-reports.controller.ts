import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { ApiReportResponse, answerReport } from '../reports/report-response.js';
import {
  AttendanceReportDto,
  AttendanceReportQuery,
  InstitutionalCareQuery,
  InstitutionalCareReportDto,
  OccupancyQuery,
  OccupancyReportDto,
} from './dto/residential-reports.dto.js';
import { attendanceCsv, institutionalCareCsv, occupancyCsv } from './residential-csv.js';
import { ResidentialReportsService } from './residential-reports.service.js';

const CSV_NOTE = 'With ?format=csv: text/csv; charset=utf-8, a UTF-8 BOM, a header row, the same fields.';

@SignedInApi('reports', {
  400: 'VALIDATION_FAILED or REPORT_RANGE_INVALID',
  403: 'Only bureau staff, admin and centre staff (own facility) see reports',
  422: 'DISTRICT_UNKNOWN',
})
@Roles('bureau_staff', 'admin', 'centre_staff')
@Controller('reports')
export class ResidentialReportsController {
  constructor(private readonly reports: ResidentialReportsService) {}

  @Get('occupancy')
  @ApiRoute({
    summary: 'Bed occupancy (床位利用率): bed-days, occupied bed-days, admissions, discharges, stays, waits and the waiting list',
    description: CSV_NOTE,
  })
  @ApiReportResponse(OccupancyReportDto)
  async occupancy(
    @CurrentUser() actor: Actor,
    @Query() query: OccupancyQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OccupancyReportDto | string> {
    const report = await this.reports.occupancy(actor, query);
    return answerReport(res, query.format, `occupancy-${query.groupBy}-${report.from}-${report.to}`, report, occupancyCsv);
  }

  @Get('institutional-care')
  @ApiRoute({
    summary: '集中供养率 per district: extreme-hardship residents, of whom in a home at the month’s end, the rate',
    description: CSV_NOTE,
  })
  @ApiReportResponse(InstitutionalCareReportDto)
  async institutionalCare(
    @CurrentUser() actor: Actor,
    @Query() query: InstitutionalCareQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstitutionalCareReportDto | string> {
    const report = await this.reports.institutionalCare(actor, query);
    return answerReport(res, query.format, `institutional-care-${query.month}`, report, institutionalCareCsv);
  }

  @Get('attendance')
  @ApiRoute({ summary: 'Day-care attendance: place-days, enrolled, attended and the rate', description: CSV_NOTE })
  @ApiReportResponse(AttendanceReportDto)
  async attendance(
    @CurrentUser() actor: Actor,
    @Query() query: AttendanceReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttendanceReportDto | string> {
    const report = await this.reports.attendance(actor, query);
    return answerReport(res, query.format, `attendance-${query.groupBy}-${report.from}-${report.to}`, report, attendanceCsv);
  }
}
