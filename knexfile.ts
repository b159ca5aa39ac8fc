// For the knex command line (`npm run knex -- seed:run`, `npm run knex -- migrate:list`):
// the same database, migrations and seeds as `aircall db …`.
import { loadConfig } from './src/config.ts'
import { EmbeddedHost } from './src/db/embedded-host.ts'
import { MIGRATIONS_DIR, SEEDS_DIR } from './src/db/migrate.ts'

const { databaseUrl, dataDir } = loadConfig()
const host = new EmbeddedHost(dataDir)

export default {
  client: 'pg',
  connection: databaseUrl
    ? databaseUrl
    : async () => ({ host: '127.0.0.1', port: await host.port(), user: 'postgres', database: 'postgres' }),
  migrations: { directory: MIGRATIONS_DIR, loadExtensions: ['.ts'] },
  seeds: { directory: SEEDS_DIR, loadExtensions: ['.ts'] },
}
