import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Each resident's service card: the random secret its daily codes derive from. */
@Injectable()
export class VisitCardsRepository {
  /** The resident's card secret; `fresh` is stored first if the resident has no card yet. */
  async secretOf(m: EntityManager, residentId: string, fresh: string): Promise<string> {
    await m.query(`INSERT INTO visit_cards (resident_id, secret) VALUES ($1, $2) ON CONFLICT (resident_id) DO NOTHING`, [
      residentId,
      fresh,
    ]);
    const [{ secret }] = await m.query<{ secret: string }[]>(`SELECT secret FROM visit_cards WHERE resident_id = $1`, [residentId]);
    return secret;
  }
}
