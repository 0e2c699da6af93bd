import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySqlFunctions } from '../sql-functions.js';
import { BookingWrite1764374400600 } from './1764374400600-booking-write.js';
import { BookingOneTrip1764374400604 } from './1764374400604-booking-one-trip.js';

const OLD_BOOK_ORDER = 'book_order(uuid, boolean, boolean, jsonb, jsonb, uuid, text)';
const OLD_BOOK_ORDER_AT = 'book_order_at(uuid, text, timestamptz, integer, boolean, jsonb, uuid)';
const NEW_BOOK_ORDER = 'book_order(uuid, uuid, text, timestamptz, integer, boolean, boolean, jsonb, jsonb, uuid)';

/**
 * PL/pgSQL moves to src/database/functions/*.sql, one file per function, read at run time and
 * applied with CREATE OR REPLACE. The booking's two writes (book_order of migration 600 for facts
 * read, book_order_at of 604 for facts known) become one book_order that serves both: see its file.
 */
export class SqlFunctions1764374401200 implements MigrationInterface {
  name = 'SqlFunctions1764374401200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${OLD_BOOK_ORDER_AT}`);
    await q.query(`DROP FUNCTION ${OLD_BOOK_ORDER}`);
    await applySqlFunctions(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${NEW_BOOK_ORDER}`);
    await new BookingWrite1764374400600().up(q);
    // Migration 604 made book_order_at with its triggers: undo and redo it whole (its down drops the function first).
    await q.query(`CREATE FUNCTION ${OLD_BOOK_ORDER_AT} RETURNS void LANGUAGE sql AS ''`);
    await new BookingOneTrip1764374400604().down(q);
    await new BookingOneTrip1764374400604().up(q);
  }
}
