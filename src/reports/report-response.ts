import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CSV_CONTENT_TYPE } from './csv.js';

/** The report as JSON, or with `?format=csv` as CSV text to download. */
export function answerReport<T>(res: Response, format: string | undefined, name: string, report: T, csv: (r: T) => string): T | string {
  if (format !== 'csv') return report;
  res.setHeader('Content-Type', CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return csv(report);
}

/** The report as JSON, or with ?format=csv as CSV text: a string, not the JSON object's schema. */
export function ApiReportResponse(report: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(report),
    ApiOkResponse({
      content: {
        'application/json': { schema: { $ref: getSchemaPath(report) } },
        'text/csv': { schema: { type: 'string', description: 'A UTF-8 BOM, a header row, one line per row of the JSON report' } },
      },
    }),
  );
}
