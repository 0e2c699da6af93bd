import type { DataSource } from 'typeorm';

export interface SeedOptions {
  residents: number;
  log: (message: string) => void;
}

export async function seedDemoCity(_ds: DataSource, _options: SeedOptions): Promise<void> {
  throw new Error('demo city not written yet');
}
