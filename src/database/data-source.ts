import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema.js';

// Business dates (`date` columns) stay 'YYYY-MM-DD' strings in raw queries too, never local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'chenzhou-care' },
  };
}

export function createDataSource(url: string, poolSize = 20): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
