import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../src/common/auth/roles.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminAuth, createCaregiver, createFacility, createResident, facilityBody, signedIn } from '../fixtures/index.js';

const CATALOGUE = [
  'cleaning.home',
  'meal.delivery',
  'meal.dine_in',
  'medical.health_check',
  'medical.home_nursing',
  'medical.hospital_escort',
  'mobility.escort',
  'mobility.transport',
];

describe('Network registry: facilities and services', () => {
  let t: TestApp;
  let admin: string;
  const as: Partial<Record<Role, string>> = {};
  let home: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminAuth(t);
    home = await createFacility(t, { code: 'BH-HOME', district: '北湖区', type: 'street_centre' });
    const resident = await createResident(t, { homeFacilityId: home.id });
    const caregiver = await createCaregiver(t, { facilityId: home.id });
    as.admin = admin;
    as.bureau_staff = await signedIn(t, 'bureau_staff');
    as.centre_staff = await signedIn(t, 'centre_staff', { facilityId: home.id });
    as.senior = await signedIn(t, 'senior', { residentId: resident.id });
    as.family = await signedIn(t, 'family');
    as.caregiver = await signedIn(t, 'caregiver', { caregiverId: caregiver.id });
  });
  afterAll(async () => t?.close());

  const post = (body: object, auth = admin) => t.http().post('/api/v1/facilities').set('Authorization', auth).send(body);
  const patch = (id: string, body: object, auth = admin) =>
    t.http().patch(`/api/v1/facilities/${id}`).set('Authorization', auth).send(body);
  const fieldsOf = (res: { body: { details?: { field: string }[] } }) => (res.body.details ?? []).map((d) => d.field);

  describe('GET /services', () => {
    it('gives the whole catalogue to every signed-in role', async () => {
      for (const role of Object.keys(as) as Role[]) {
        const res = await t.http().get('/api/v1/services').set('Authorization', as[role]!);
        expect({ role, status: res.status }).toEqual({ role, status: 200 });
        expect((res.body as { code: string }[]).map((s) => s.code)).toEqual(CATALOGUE);
      }
    });

    it('describes each service with its category, place, duration, skill, price and caregiver level', async () => {
      const res = await t.http().get('/api/v1/services').set('Authorization', as.senior!).expect(200);
      expect(res.body.find((s: { code: string }) => s.code === 'cleaning.home')).toEqual({
        code: 'cleaning.home',
        category: 'cleaning',
        nameZh: '助洁·居家清洁',
        nameEn: 'Cleaning at home',
        place: 'home',
        durationMinutes: 90,
        requiredSkill: 'cleaning',
        basePriceFen: 4500,
        minCaregiverLevel: 5,
      });
    });

    it('asks for a token', async () => {
      const res = await t.http().get('/api/v1/services').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /facilities', () => {
    it('registers a facility for admin and answers the API shape', async () => {
      const body = facilityBody({
        code: 'SX-DAY-1',
        type: 'day_care',
        district: '苏仙区',
        services: ['meal.dine_in', 'medical.health_check'],
      });
      const res = await post(body).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'SX-DAY-1',
        name: body.name,
        type: 'day_care',
        district: '苏仙区',
        street: body.street,
        // 人民路街道 is a street of 北湖区, not of 苏仙区: the district's code only.
        districtCode: '431003',
        streetCode: null,
        address: body.address,
        location: body.location,
        services: ['meal.dine_in', 'medical.health_check'],
        openingHours: body.openingHours,
        phone: body.phone,
        active: true,
        capacity: { beds: 0, occupiedBeds: 0, dayPlaces: 0 },
      });
      const read = await t.http().get(`/api/v1/facilities/${res.body.id}`).set('Authorization', as.family!).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('is for admin only', async () => {
      for (const role of ['senior', 'family', 'caregiver', 'centre_staff', 'bureau_staff'] as const) {
        const res = await post(facilityBody(), as[role]);
        expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      }
    });

    it('answers 422 SERVICE_UNKNOWN naming each code not in the catalogue', async () => {
      const res = await post(facilityBody({ services: ['meal.dine_in', 'meal.banquet', 'spa.massage'] })).expect(422);
      expect(res.body.code).toBe('SERVICE_UNKNOWN');
      expect(res.body.message).toContain('meal.banquet');
      expect(res.body.details.map((d: { message: string }) => d.message).join(' ')).toContain('spa.massage');
    });

    it('answers 409 FACILITY_CODE_TAKEN for a code in use', async () => {
      const res = await post(facilityBody({ code: 'BH-HOME' })).expect(409);
      expect(res.body.code).toBe('FACILITY_CODE_TAKEN');
    });

    it.each([
      [
        'a closing time before the opening time',
        { openingHours: { weekdays: [1, 2], open: '18:00', close: '08:00' } },
        'openingHours.close',
      ],
      ['closing at opening time', { openingHours: { weekdays: [1], open: '08:00', close: '08:00' } }, 'openingHours.close'],
      ['a weekday 8', { openingHours: { weekdays: [1, 8], open: '08:00', close: '17:00' } }, 'openingHours.weekdays'],
      ['no weekdays', { openingHours: { weekdays: [], open: '08:00', close: '17:00' } }, 'openingHours.weekdays'],
      ['a time that is not HH:MM', { openingHours: { weekdays: [1], open: '8am', close: '17:00' } }, 'openingHours.open'],
      [
        'an unknown field in openingHours',
        { openingHours: { weekdays: [1], open: '08:00', close: '17:00', lunch: true } },
        'openingHours.lunch',
      ],
      ['a lower-case code', { code: 'bh-x' }, 'code'],
      ['an unknown type', { type: 'hotel' }, 'type'],
      ['a latitude as text', { location: { lat: 'north', lng: 113 } }, 'location.lat'],
      ['a longitude out of range', { location: { lat: 25.7, lng: 190 } }, 'location.lng'],
      ['no location', { location: undefined }, 'location'],
      ['services as one string', { services: 'meal.dine_in' }, 'services'],
      ['a repeated service', { services: ['meal.dine_in', 'meal.dine_in'] }, 'services'],
      ['a name over 100 characters', { name: '中'.repeat(101) }, 'name'],
      ['a bad phone', { phone: '12345' }, 'phone'],
      ['an unknown field', { manager: '张三' }, 'manager'],
    ])('answers 400 with field details for %s', async (_what, override, field) => {
      const res = await post({ ...facilityBody(), ...override }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
      expect(res.body.details.every((d: { message: string }) => d.message.length > 5)).toBe(true);
    });
  });

  describe('PATCH /facilities/:id', () => {
    it('changes the given fields, replaces services and hours, and records the change in the audit trail', async () => {
      const facility = await createFacility(t, { services: ['meal.dine_in'] });
      const res = await patch(facility.id, {
        name: '改名后的中心',
        services: ['cleaning.home', 'meal.delivery'],
        openingHours: { weekdays: [7, 1], open: '08:00', close: '12:00' },
        phone: null,
      }).expect(200);
      expect(res.body).toMatchObject({
        id: facility.id,
        code: facility.code,
        name: '改名后的中心',
        services: ['cleaning.home', 'meal.delivery'],
        openingHours: { weekdays: [1, 7], open: '08:00', close: '12:00' },
        phone: null,
      });
      const audit = await t.http().get(`/api/v1/audit?entity=facility&entityId=${facility.id}`).set('Authorization', admin).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(audit.body.items[0].changes.name).toEqual({ old: facility.name, new: '改名后的中心' });
      expect(audit.body.items[0].changes.services).toEqual({ old: ['meal.dine_in'], new: ['cleaning.home', 'meal.delivery'] });
    });

    it('can take a facility out of service', async () => {
      const facility = await createFacility(t);
      const res = await patch(facility.id, { active: false }).expect(200);
      expect(res.body.active).toBe(false);
    });

    it('rejects null for a required field, bad hours and unknown services', async () => {
      const res = await patch(home.id, { name: null }).expect(400);
      expect(fieldsOf(res)).toContain('name');
      const hours = await patch(home.id, { openingHours: { weekdays: [1], open: '20:00', close: '09:00' } }).expect(400);
      expect(fieldsOf(hours)).toEqual(['openingHours.close']);
      const unknown = await patch(home.id, { services: ['meal.banquet'] }).expect(422);
      expect(unknown.body.code).toBe('SERVICE_UNKNOWN');
      const unchanged = await t.http().get(`/api/v1/facilities/${home.id}`).set('Authorization', admin).expect(200);
      expect(unchanged.body.services).toEqual(['cleaning.home', 'meal.delivery', 'meal.dine_in']);
    });

    it('is for admin only, and answers 404 for an unknown facility', async () => {
      await patch(home.id, { name: 'x' }, as.centre_staff).expect(403);
      await patch(home.id, { name: 'x' }, as.bureau_staff).expect(403);
      await patch('00000000-0000-4000-8000-000000000000', { name: 'x' }).expect(404);
      await patch('not-a-uuid', { name: 'x' }).expect(404);
    });
  });

  describe('GET /facilities', () => {
    beforeAll(async () => {
      await createFacility(t, { code: 'GY-RURAL-1', type: 'rural_home', district: '桂阳县', street: '舂陵江镇' });
      await createFacility(t, { code: 'GY-RURAL-2', type: 'rural_home', district: '桂阳县', street: '樟市镇' });
      await createFacility(t, { code: 'GY-DAY-1', type: 'day_care', district: '桂阳县' });
    });

    it('lists facilities to every signed-in role', async () => {
      for (const role of Object.keys(as) as Role[]) {
        const res = await t.http().get('/api/v1/facilities').set('Authorization', as[role]!);
        expect({ role, status: res.status }).toEqual({ role, status: 200 });
        expect(res.body.total).toBeGreaterThanOrEqual(4);
      }
    });

    it('filters by type and district, with the list shape', async () => {
      const res = await t
        .http()
        .get('/api/v1/facilities')
        .query({ type: 'rural_home', district: '桂阳县' })
        .set('Authorization', as.senior!)
        .expect(200);
      expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      expect(res.body.items.map((f: { code: string }) => f.code)).toEqual(['GY-RURAL-1', 'GY-RURAL-2']);
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        [
          'active',
          'address',
          'capacity',
          'code',
          'district',
          'districtCode',
          'id',
          'location',
          'name',
          'openingHours',
          'phone',
          'services',
          'street',
          'streetCode',
          'type',
        ].sort(),
      );
      const district = await t.http().get('/api/v1/facilities').query({ district: '桂阳县' }).set('Authorization', admin).expect(200);
      expect(district.body.total).toBe(3);
    });

    it('pages', async () => {
      const first = await t
        .http()
        .get('/api/v1/facilities')
        .query({ district: '桂阳县', pageSize: 2 })
        .set('Authorization', admin)
        .expect(200);
      const second = await t
        .http()
        .get('/api/v1/facilities')
        .query({ district: '桂阳县', pageSize: 2, page: 2 })
        .set('Authorization', admin)
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(second.body.items).toHaveLength(1);
      expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    });

    it('rejects an unknown type, a page size over 200 and unknown parameters', async () => {
      for (const query of [{ type: 'hotel' }, { pageSize: 500 }, { city: '郴州' }]) {
        const res = await t.http().get('/api/v1/facilities').query(query).set('Authorization', admin);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('answers 404 for an unknown facility id', async () => {
      await t.http().get('/api/v1/facilities/00000000-0000-4000-8000-000000000000').set('Authorization', admin).expect(404);
      await t.http().get('/api/v1/facilities/nope').set('Authorization', admin).expect(404);
    });
  });

  it('documents the registry routes with their request and response schemas', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    for (const path of ['/api/v1/facilities', '/api/v1/facilities/{id}', '/api/v1/services']) expect(doc.body.paths).toHaveProperty([path]);
    expect(Object.keys(doc.body.paths['/api/v1/facilities'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.body.components.schemas.FacilityDto.required).toEqual(
      expect.arrayContaining(['code', 'location', 'services', 'openingHours']),
    );
    expect(doc.body.components.schemas.CreateFacilityDto.properties).toHaveProperty('openingHours');
    expect(doc.body.components.schemas.ServiceDto.required).toEqual(expect.arrayContaining(['basePriceFen', 'minCaregiverLevel']));
  });
});
