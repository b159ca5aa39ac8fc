import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadInstallationId } from '../../src/db/installation.ts'
import { UserError } from '../../src/errors.ts'
import { explainProvisionFailure } from '../../src/provision/explain.ts'
import { ProvisionSession, type SessionOptions } from '../../src/provision/session.ts'
import { createSimulatedClock } from '../../src/sandbox/call/clock.ts'
import { type FaultOptions, type Sandbox, startSandbox } from '../../src/sandbox/start.ts'
import {
  type TestDatabase,
  createTestDatabase,
  testBackends,
} from '../support/database.ts'

const account = { authId: 'MAPROVISIONRUN000001', authToken: 'provision-run-token' }
const publicUrl = 'https://calls.example.com'

for (const backend of testBackends()) {
  describe(backend, () => {
    let test: TestDatabase
    let sandboxes: Sandbox[] = []

    before(async () => {
      test = await createTestDatabase(backend)
    })
    after(async () => {
      await closeSandboxes()
      await test.destroy()
    })
    beforeEach(async () => {
      await closeSandboxes()
      await test.reset({ seed: true })
    })

    async function closeSandboxes() {
      await Promise.all(sandboxes.map((sandbox) => sandbox.close()))
      sandboxes = []
    }

    /** A sandbox and a run that share one simulated clock: backoffs and windows take no time. */
    async function setUp(
      faults: FaultOptions = {},
      options: Partial<SessionOptions> = {},
    ) {
      const clock = createSimulatedClock(Date.UTC(2026, 11, 3, 18, 0, 0))
      const sandbox = await startSandbox({ ...account, clock, faults })
      sandboxes.push(sandbox)
      const open = () =>
        ProvisionSession.open({
          knex: test.knex,
          account: { apiUrl: sandbox.url, ...account },
          publicUrl,
          clock,
          ...options,
        })
      return { sandbox, open }
    }

    async function provision(open: () => Promise<ProvisionSession>) {
      const session = await open()
      try {
        return { result: await session.apply(await session.plan()), stats: session.stats }
      } finally {
        await session.close()
      }
    }

    /** Exactly one endpoint per line and app in Plivo, each row pointing at its own. */
    async function assertOneEndpointPerRow(sandbox: Sandbox) {
      const owners = [
        ...(
          await test
            .knex('lines')
            .select(
              'id',
              'plivo_endpoint_id',
              'plivo_username',
              'sip_uri',
              'sip_password',
            )
        ).map((row) => ({ ...row, kind: 'line' })),
        ...(
          await test
            .knex('apps')
            .select(
              'id',
              'plivo_endpoint_id',
              'plivo_username',
              'sip_uri',
              'sip_password',
            )
        ).map((row) => ({ ...row, kind: 'app' })),
      ]
      const endpoints = sandbox.store.listEndpoints()
      const installation = await loadInstallationId(test.knex)
      assert.equal(endpoints.length, owners.length)
      for (const owner of owners) {
        const mine = endpoints.filter((each) =>
          each.alias.startsWith(`aircall-${installation}-${owner.kind}-${owner.id}-`),
        )
        assert.equal(mine.length, 1, `one endpoint for ${owner.kind} ${owner.id}`)
        assert.equal(owner.plivo_endpoint_id, mine[0].endpointId)
        assert.equal(owner.plivo_username, mine[0].username)
        assert.equal(owner.sip_uri, `sip:${mine[0].username}@phone.plivo.com`)
        assert.equal(
          mine[0].passwordMd5,
          createHash('md5').update(owner.sip_password).digest('hex'),
        )
      }
    }

    describe(`a provisioning run (${backend})`, () => {
      it('gets through a 429 storm, pausing every request rather than hammering', async () => {
        const { sandbox, open } = await setUp({ rateLimit: 3 })

        const { stats } = await provision(open)

        await assertOneEndpointPerRow(sandbox)
        assert.ok(stats.rateLimited > 0, 'the sandbox refused some requests')
        assert.equal(stats.requests, stats.retries + 13)
      })

      it('gets through injected server errors without duplicating an endpoint', async () => {
        const { sandbox, open } = await setUp({ errorRate: 0.3, seed: 7 })

        const { stats } = await provision(open)

        await assertOneEndpointPerRow(sandbox)
        assert.ok(stats.retries > 0)
      })

      it('adopts an endpoint that a run killed before its database write had created', async () => {
        const { sandbox, open } = await setUp()
        await provision(open)
        const line = await test.knex('lines').where({ slug: 'sales' }).first()
        // The state a kill -9 leaves between Plivo's answer and the write: the endpoint exists
        // with the row's alias and password, the row knows only the password.
        sandbox.store.deleteEndpoint(line.plivo_endpoint_id)
        const made = sandbox.store.createEndpoint({
          username: 'line2sales',
          password: line.sip_password,
          alias: `aircall-${await loadInstallationId(test.knex)}-line-${line.id}-sales`,
          appId: sandbox.store.listApplications()[0].appId,
        })
        await test
          .knex('lines')
          .where({ id: line.id })
          .update({ plivo_endpoint_id: null, plivo_username: null, sip_uri: null })

        const session = await open()
        const plan = await session.plan()
        await session.apply(plan)
        await session.close()

        assert.deepEqual(
          plan.endpoints.map((step) => [
            step.action,
            'endpoint' in step && step.endpoint.endpointId,
          ]),
          [['adopt', made.endpointId]],
        )
        await assertOneEndpointPerRow(sandbox)
      })

      it('stops at a request Plivo refuses, naming the row, and the next run finishes', async () => {
        const { sandbox, open } = await setUp({}, { concurrency: 1 })
        const session = await open()
        const plan = await session.plan()
        await session.apply({ ...plan, endpoints: [] })
        // The Application disappears between the plan and the creates: Plivo refuses app_id.
        const [application] = sandbox.store.listApplications()
        sandbox.store.deleteApplication(application.appId, { cascade: true })
        const error = await session
          .apply({ ...plan, application: { action: 'keep', appId: application.appId } })
          .catch((caught) => caught)
        await session.close()

        const explained = explainProvisionFailure(error, {
          apiUrl: sandbox.url,
          ...account,
        })
        assert.ok(explained instanceof UserError)
        assert.match(
          explained.message,
          /^could not create the endpoint of line "Main Office": Plivo answered 400: .*app_id/,
        )
        assert.ok(sandbox.store.listEndpoints().length < 8, 'the run stopped early')

        await provision(open)
        await assertOneEndpointPerRow(sandbox)
      })

      it('says a run stopped by Plivo failing can simply be repeated, not "fix that"', async () => {
        const { open: openHealthy } = await setUp()
        const planner = await openHealthy()
        const plan = await planner.plan()
        await planner.close()
        const { sandbox, open } = await setUp({ errorRate: 1, seed: 3 })
        const session = await open()

        const error = await session.apply(plan).catch((caught) => caught)
        await session.close()

        const explained = explainProvisionFailure(error, {
          apiUrl: sandbox.url,
          ...account,
        })
        assert.ok(explained instanceof UserError)
        assert.match(
          explained.message,
          /^could not create the Plivo Application: Plivo answered 5\d\d/,
        )
        assert.equal(
          explained.hint,
          'Plivo failed, nothing to fix on your side; run `aircall provision` again to finish, nothing is done twice',
        )
      })

      it('keeps a second run out while the first holds the lock', async () => {
        const { open } = await setUp()
        const first = await open()

        const error = await open().catch((caught) => caught)
        await first.close()
        const third = await open()
        await third.close()

        assert.ok(error instanceof UserError)
        assert.match(error.message, /^another aircall provision is running \(pid \d+ on /)
      })

      it('names the URL in one line when Plivo cannot be reached', async () => {
        const gone = await startSandbox(account)
        await gone.close()
        const { open } = await setUp({}, { account: { apiUrl: gone.url, ...account } })
        const session = await open()

        const error = await session.plan().catch((caught) => caught)
        await session.close()

        const explained = explainProvisionFailure(error, { apiUrl: gone.url, ...account })
        assert.ok(explained instanceof UserError)
        assert.equal(
          explained.message,
          `cannot reach Plivo at ${gone.url} (ECONNREFUSED)`,
        )
        assert.equal(explained.hint, 'check PLIVO_API_URL and the network')
      })
    })

    describe(`a run killed with -9 (${backend})`, () => {
      it('is finished by the next run: one endpoint per row, nothing lost', async () => {
        const sandbox = await startSandbox({
          ...account,
          faults: { rateLimit: 0 },
          logger: {
            info: (details: { method?: string; status?: number }) => {
              if (details.method === 'POST' && details.status === 201 && ++created === 3)
                child.kill('SIGKILL')
            },
            error: () => {},
          },
        })
        sandboxes.push(sandbox)
        let created = 0
        const env = {
          ...process.env,
          ...test.env,
          PLIVO_AUTH_ID: account.authId,
          PLIVO_AUTH_TOKEN: account.authToken,
          PLIVO_API_URL: sandbox.url,
          PUBLIC_URL: publicUrl,
        }
        const child = spawn(process.execPath, ['bin/aircall', 'provision', '--yes'], {
          env,
          stdio: 'ignore',
        })
        const signal = await new Promise((resolve) =>
          child.once('exit', (_code, signal) => resolve(signal)),
        )
        assert.equal(signal, 'SIGKILL')
        // Creates already sent still land in Plivo: the rows do not know all of them.
        const recorded = await test
          .knex('apps')
          .whereNotNull('sip_uri')
          .count('* as n')
          .first()
        assert.ok(Number(recorded?.n) < 5, 'killed before it finished')

        await provision(() =>
          ProvisionSession.open({
            knex: test.knex,
            account: { apiUrl: sandbox.url, ...account },
            publicUrl,
          }),
        )

        await assertOneEndpointPerRow(sandbox)
      })
    })
  })
}
