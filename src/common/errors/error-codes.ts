/** Every stable error code the API answers with, and the HTTP status each maps to. */
export const ERROR_STATUS = {
  // 400
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  // 401
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  // 403
  FORBIDDEN: 403,
  // 404
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  // 409
  CONFLICT: 409,
  DUPLICATE_ID_NUMBER: 409,
  USERNAME_TAKEN: 409,
  PHONE_TAKEN: 409,
  FACILITY_CODE_TAKEN: 409,
  ALREADY_LINKED: 409,
  ACCOUNT_EXISTS: 409,
  CONCURRENT_UPDATE: 409,
  // 405, 413, 415
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // 422
  BIRTH_DATE_MISMATCH: 422,
  SERVICE_UNKNOWN: 422,
  FACILITY_UNKNOWN: 422,
  ROLE_LINK_INVALID: 422,
  ACCOUNT_NOT_FAMILY: 422,
  // 429
  TOO_MANY_ATTEMPTS: 429,
  // 503
  NOT_READY: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldDetail {
  field: string;
  message: string;
}

/** The one error shape every failure is answered with. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: FieldDetail[];
  requestId?: string;
}
