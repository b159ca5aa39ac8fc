import type { Router } from '@koa/router'
import type { RestDependencies } from './app.ts'
import { createApiId } from './api-id.ts'
import { PlivoApiError, invalid, missing, notFound } from './errors.ts'
import { readPage, renderPage } from './pagination.ts'
import { type Params, readName, readParams, readText } from './params.ts'
import { pathsOf, renderEndpoint } from './render.ts'

/** Endpoint naming rules from the create-endpoint docs (§1.4). */
const USERNAME = { pattern: /^[A-Za-z][A-Za-z0-9]*$/, maxLength: 25 }
const ALIAS = { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 50 }

/** Endpoint create, get, list, update and delete as plivo-contract.md §1.4 has them. */
export function addEndpointRoutes(
  router: Router,
  { store, authId, now }: RestDependencies,
) {
  const apiId = () => createApiId(now())

  const readAppId = (params: Params) => {
    const appId = readText(params, 'app_id')
    if (appId === undefined || appId === '') return undefined
    if (!store.getApplication(appId)) throw invalid('app_id', appId)
    return appId
  }

  router.post('/Endpoint/', (ctx) => {
    const params = readParams(ctx)
    const username = readName(params, 'username', USERNAME)
    if (!username) throw missing('username')
    const password = readPassword(params)
    if (password === undefined) throw missing('password')
    const alias = readName(params, 'alias', ALIAS)
    if (!alias) throw missing('alias')

    const endpoint = store.createEndpoint({
      username,
      password,
      alias,
      appId: readAppId(params),
    })
    ctx.status = 201
    ctx.body = {
      username: endpoint.username,
      alias: endpoint.alias,
      message: 'created',
      endpoint_id: endpoint.endpointId,
      api_id: apiId(),
    }
  })

  router.get('/Endpoint/', (ctx) => {
    const page = renderPage(
      store.listEndpoints(),
      readPage(readParams(ctx)),
      pathsOf(authId).endpoints,
    )

    ctx.body = {
      api_id: apiId(),
      meta: page.meta,
      objects: page.objects.map((e) =>
        renderEndpoint(e, authId, { withPassword: false }),
      ),
    }
  })

  router.get('/Endpoint/:endpointId/', (ctx) => {
    const endpoint = store.getEndpoint(ctx.params.endpointId)
    if (!endpoint) throw notFound()

    ctx.body = {
      ...renderEndpoint(endpoint, authId, { withPassword: true }),
      api_id: apiId(),
    }
  })

  // Only password, alias and app_id can change; Plivo ignores a new username (§1.4).
  router.post('/Endpoint/:endpointId/', (ctx) => {
    if (!store.getEndpoint(ctx.params.endpointId)) throw notFound()

    const params = readParams(ctx)
    store.updateEndpoint(ctx.params.endpointId, {
      password: readPassword(params),
      alias: readName(params, 'alias', ALIAS),
      appId: readAppId(params),
    })
    ctx.status = 202
    ctx.body = { message: 'changed', api_id: apiId() }
  })

  router.delete('/Endpoint/:endpointId/', (ctx) => {
    if (!store.deleteEndpoint(ctx.params.endpointId)) throw notFound()

    ctx.status = 204
  })
}

/** 5 to 32 characters (§1.4). The message never repeats the password itself. */
function readPassword(params: Params): string | undefined {
  const password = readText(params, 'password')
  if (password === undefined || password === '') return undefined
  if (password.length < 5 || password.length > 32) {
    throw new PlivoApiError(400, 'password must be 5 to 32 characters long.')
  }
  return password
}
