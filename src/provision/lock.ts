import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Knex } from 'knex'
import { UserError } from '../errors.ts'
import { isProcessAlive } from '../process-alive.ts'

/** A run renews its lease this often; a lease not renewed for STALE_SECONDS is free. */
const RENEW_MS = 10_000
const STALE_SECONDS = 30

export type ProvisionLock = { release(): Promise<void> }

/**
 * Takes the provisioning lease or stops with a message naming the run that holds it.
 * A run killed with -9 holds it until it goes stale, unless it ran on this machine and
 * its process is gone: then the lease is taken over at once.
 */
export async function acquireProvisionLock(
  knex: Knex,
  owner = { pid: process.pid, host: hostname() },
): Promise<ProvisionLock> {
  const holder = randomUUID()
  let current = await claim(knex, holder, owner)

  if (
    current.holder !== holder &&
    current.host === owner.host &&
    !isProcessAlive(current.pid)
  ) {
    await knex('provision_lock').where({ holder: current.holder }).delete()
    current = await claim(knex, holder, owner)
  }
  if (current.holder !== holder) {
    const since = new Date(current.acquired_at).toISOString().slice(11, 19)
    throw new UserError(
      `another aircall provision is running (pid ${current.pid} on ${current.host}, since ${since} UTC)`,
      {
        hint: `wait for it to finish; a run that died frees the lock within ${STALE_SECONDS} s`,
      },
    )
  }

  const timer = setInterval(() => {
    knex('provision_lock')
      .where({ holder })
      .update({ renewed_at: knex.fn.now() })
      .catch(() => {})
  }, RENEW_MS)
  timer.unref()

  return {
    async release() {
      clearInterval(timer)
      await knex('provision_lock').where({ holder }).delete()
    },
  }
}

type LockRow = { holder: string; pid: number; host: string; acquired_at: Date }

async function claim(
  knex: Knex,
  holder: string,
  owner: { pid: number; host: string },
): Promise<LockRow> {
  await knex.raw(
    `insert into provision_lock (id, holder, pid, host) values (1, ?, ?, ?)
     on conflict (id) do update
       set holder = excluded.holder, pid = excluded.pid, host = excluded.host,
           acquired_at = now(), renewed_at = now()
       where provision_lock.renewed_at < now() - make_interval(secs => ?)`,
    [holder, owner.pid, owner.host, STALE_SECONDS],
  )
  return knex('provision_lock')
    .where({ id: 1 })
    .first('holder', 'pid', 'host', 'acquired_at')
}
