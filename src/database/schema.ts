import { AuditEntry } from '../audit/audit-entry.entity.js';
import { CareService, FacilityService } from '../network/service.entity.js';
import { Facility } from '../network/facility.entity.js';
import { Caregiver } from '../people/caregiver.entity.js';
import { FamilyLink } from '../people/family-link.entity.js';
import { Resident } from '../people/resident.entity.js';
import { User } from '../users/user.entity.js';
import { Foundation1764374400000 } from './migrations/1764374400000-foundation.js';
import { ServiceCatalogue1764374400001 } from './migrations/1764374400001-service-catalogue.js';
import { Rosters1764374400100 } from './migrations/1764374400100-rosters.js';
import { Orders1764374400200 } from './migrations/1764374400200-orders.js';
import { Scheduling1764374400300 } from './migrations/1764374400300-scheduling.js';
import { Visits1764374400400 } from './migrations/1764374400400-visits.js';
import { Reports1764374400500 } from './migrations/1764374400500-reports.js';
import { BookingWrite1764374400600 } from './migrations/1764374400600-booking-write.js';
import { SlotReportTrigger1764374400601 } from './migrations/1764374400601-slot-report-trigger.js';
import { ExplanationsZh1764374400602 } from './migrations/1764374400602-explanations-zh.js';
import { AccountNotify1764374400603 } from './migrations/1764374400603-account-notify.js';
import { BookingOneTrip1764374400604 } from './migrations/1764374400604-booking-one-trip.js';
import { Trust1764374400800 } from './migrations/1764374400800-trust.js';
import { Residential1764374400900 } from './migrations/1764374400900-residential.js';
import { DivisionCodes1764374400901 } from './migrations/1764374400901-division-codes.js';
import { FacilityReturnToBase1764374401000 } from './migrations/1764374401000-facility-return-to-base.js';
import { PolicyNotify1764374401100 } from './migrations/1764374401100-policy-notify.js';
import { JobLeases1764374401101 } from './migrations/1764374401101-job-leases.js';
import { SqlFunctions1764374401200 } from './migrations/1764374401200-sql-functions.js';

/** Every entity and every migration, listed by hand: ESM builds do not glob reliably. */
export const ENTITIES = [Facility, CareService, FacilityService, Resident, Caregiver, FamilyLink, User, AuditEntry];
export const MIGRATIONS = [Foundation1764374400000, ServiceCatalogue1764374400001];
// Rosters and capacity (issue 3): SQL only, no entities.
MIGRATIONS.push(Rosters1764374400100);
// Orders, history, idempotency keys, series, subsidy policy and allowances (issue 4).
MIGRATIONS.push(Orders1764374400200);
// Assignments and scheduling runs (issue 5).
MIGRATIONS.push(Scheduling1764374400300);
// Visits, feedback, service cards, notifications and webhooks (issue 6).
MIGRATIONS.push(Visits1764374400400);
// Report rollups, their dirty markers and the triggers that set them (issue 7).
MIGRATIONS.push(Reports1764374400500);
// A booking's writes in one statement (issue 4: fewer round trips per booking).
MIGRATIONS.push(BookingWrite1764374400600, SlotReportTrigger1764374400601);
// Explanations and reasons in Chinese for the staff pages (issue 5).
MIGRATIONS.push(ExplanationsZh1764374400602);
// Account changes announced to every instance's account cache (issue 4: no account read per request).
MIGRATIONS.push(AccountNotify1764374400603);
// Booking facts announced to every instance's cache, and a booking's write that finds its own slot (issue 4: one round trip).
MIGRATIONS.push(BookingOneTrip1764374400604);
// Token versions, refresh tokens, usernames that are not mobile numbers (issue 14).
MIGRATIONS.push(Trust1764374400800);
// Beds, admissions, residential rates, day places and attendance (issue 17).
MIGRATIONS.push(Residential1764374400900, DivisionCodes1764374400901);
// Each facility says whether routes end back at base inside the shift (issue 16).
MIGRATIONS.push(FacilityReturnToBase1764374401000);
// The subsidy policy announced to every instance's policy cache (issue 15).
MIGRATIONS.push(PolicyNotify1764374401100);
// Job ticks claimed with a lease, so a crashed run is taken over (issues 14 and 15).
MIGRATIONS.push(JobLeases1764374401101);
// PL/pgSQL in src/database/functions, and one booking function for both ways of booking (issue 15).
MIGRATIONS.push(SqlFunctions1764374401200);
