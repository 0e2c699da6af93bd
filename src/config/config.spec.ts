import { ConfigError, loadConfig, startupWarnings } from './config.js';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), VISIT_CODE_SECRET: 'v'.repeat(40) };

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      seedDemo: true,
      jwtTtlSeconds: 900,
    });
  });

  it('lets the embedded PostgreSQL move off a taken port only when EMBEDDED_PG_PORT is not set', () => {
    expect(loadConfig({})).toMatchObject({ embeddedPgPort: 54329, embeddedPgPortFixed: false });
    expect(loadConfig({ EMBEDDED_PG_PORT: '54329' })).toMatchObject({ embeddedPgPort: 54329, embeddedPgPortFixed: true });
  });

  it('reads the variables every deployment relies on', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://care@db:5432/care',
      DATA_DIR: '/var/lib/care',
      ADMIN_PASSWORD: 'a-long-secret',
      SEED_DEMO: 'false',
      ...PRODUCTION,
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://care@db:5432/care',
      dataDir: '/var/lib/care',
      adminPassword: 'a-long-secret',
      seedDemo: false,
      nodeEnv: 'production',
    });
  });

  it('names every bad variable and what it must be', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be a whole number from 0 to 65535');
    expect(problems).toContain('SEED_DEMO must be true or false');
    expect(problems).toContain('DATABASE_URL must be a URL starting with postgres://');
    expect(problems).toContain('NODE_ENV must be one of development, production, test');
  });

  it('requires a shared JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('reads the cache, continuity-worth and private-webhook settings', () => {
    expect(loadConfig({})).toMatchObject({ cacheSeconds: 60, assignContinuityWorthMinutes: 10, webhookAllowPrivate: true });
    expect(loadConfig(PRODUCTION).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ CACHE_SECONDS: '0', ASSIGN_CONTINUITY_WORTH_MINUTES: '20', WEBHOOK_ALLOW_PRIVATE: 'false' })).toMatchObject({
      cacheSeconds: 0,
      assignContinuityWorthMinutes: 20,
      webhookAllowPrivate: false,
    });
    expect(() => loadConfig({ ASSIGN_CONTINUITY_WORTH_MINUTES: 'ten' })).toThrow(
      /ASSIGN_CONTINUITY_WORTH_MINUTES must be a whole number from 0 to 10000/,
    );
  });

  it('in production: no demo city, no API docs and a service-card key unless set explicitly', () => {
    expect(loadConfig(PRODUCTION)).toMatchObject({ seedDemo: false, apiDocs: false });
    expect(loadConfig({ ...PRODUCTION, SEED_DEMO: 'true', API_DOCS: 'true' })).toMatchObject({ seedDemo: true, apiDocs: true });
    expect(loadConfig({})).toMatchObject({ seedDemo: true, apiDocs: true, refreshTtlDays: 30 });
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(
      /VISIT_CODE_SECRET must be set when NODE_ENV=production/,
    );
  });

  it('warns when a database is given without NODE_ENV', () => {
    expect(startupWarnings({ DATABASE_URL: 'postgres://db/care' })).toEqual([expect.stringContaining('development defaults are in force')]);
    expect(startupWarnings({ DATABASE_URL: 'postgres://db/care', NODE_ENV: 'production' })).toEqual([]);
    expect(startupWarnings({})).toEqual([]);
  });
});
