import type { Router } from '@koa/router'
import type { ApplicationFields } from '../store.ts'
import type { RestDependencies } from './app.ts'
import { createApiId } from './api-id.ts'
import { invalid, missing, notFound } from './errors.ts'
import { readPage, renderPage } from './pagination.ts'
import {
  type Params,
  readBoolean,
  readMethod,
  readName,
  readParams,
  readText,
  readUrl,
} from './params.ts'
import { pathsOf, renderApplication } from './render.ts'

const APP_NAME = { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 100 }

/** Application create, get, list, update and delete as plivo-contract.md §1.3 has them. */
export function addApplicationRoutes(
  router: Router,
  { store, authId, now }: RestDependencies,
) {
  const apiId = () => createApiId(now())

  router.post('/Application/', (ctx) => {
    const params = readParams(ctx)
    const appName = readName(params, 'app_name', APP_NAME)
    if (!appName) throw missing('app_name')
    const answerUrl = readUrl(params, 'answer_url')
    if (!answerUrl) throw missing('answer_url')

    const app = store.createApplication({
      appName,
      answerUrl,
      answerMethod: readMethod(params, 'answer_method') ?? 'POST',
      hangupUrl: readUrl(params, 'hangup_url') || answerUrl,
      hangupMethod: readMethod(params, 'hangup_method') ?? 'POST',
      fallbackAnswerUrl: readUrl(params, 'fallback_answer_url') ?? '',
      fallbackMethod: readMethod(params, 'fallback_method') ?? 'POST',
      messageUrl: readUrl(params, 'message_url') ?? '',
      messageMethod: readMethod(params, 'message_method') ?? 'POST',
      defaultApp: readBoolean(params, 'default_number_app') ?? false,
      defaultEndpointApp: readBoolean(params, 'default_endpoint_app') ?? false,
      publicUri: readBoolean(params, 'public_uri') ?? false,
      logIncomingMessages: readBoolean(params, 'log_incoming_messages') ?? true,
    })
    ctx.status = 201
    ctx.body = { message: 'created', app_id: app.appId, api_id: apiId() }
  })

  router.get('/Application/', (ctx) => {
    const params = readParams(ctx)
    const prefix = readText(params, 'app_name') ?? ''
    const apps = store.listApplications().filter((app) => app.appName.startsWith(prefix))
    const page = renderPage(apps, readPage(params), pathsOf(authId).applications)

    ctx.body = {
      api_id: apiId(),
      meta: page.meta,
      objects: page.objects.map((app) => renderApplication(app, authId)),
    }
  })

  router.get('/Application/:appId/', (ctx) => {
    const app = store.getApplication(ctx.params.appId)
    if (!app) throw notFound()

    ctx.body = { ...renderApplication(app, authId), api_id: apiId() }
  })

  router.post('/Application/:appId/', (ctx) => {
    if (!store.getApplication(ctx.params.appId)) throw notFound()

    store.updateApplication(ctx.params.appId, readChanges(readParams(ctx)))
    ctx.status = 202
    ctx.body = { message: 'changed', api_id: apiId() }
  })

  router.delete('/Application/:appId/', (ctx) => {
    const { appId } = ctx.params
    if (!store.getApplication(appId)) throw notFound()

    const params = readParams(ctx)
    const newApp = readText(params, 'new_endpoint_application') || undefined
    if (newApp && (newApp === appId || !store.getApplication(newApp))) {
      throw invalid('new_endpoint_application', newApp)
    }
    const cascade = readBoolean(params, 'cascade') ?? true
    store.deleteApplication(appId, { cascade, newEndpointApplication: newApp })
    ctx.status = 204
  })
}

function readChanges(params: Params): Partial<ApplicationFields> {
  const answerUrl = readUrl(params, 'answer_url')
  if (answerUrl === '') throw invalid('answer_url', answerUrl)

  return {
    appName: readName(params, 'app_name', APP_NAME),
    answerUrl,
    answerMethod: readMethod(params, 'answer_method'),
    hangupUrl: readUrl(params, 'hangup_url'),
    hangupMethod: readMethod(params, 'hangup_method'),
    fallbackAnswerUrl: readUrl(params, 'fallback_answer_url'),
    fallbackMethod: readMethod(params, 'fallback_method'),
    messageUrl: readUrl(params, 'message_url'),
    messageMethod: readMethod(params, 'message_method'),
    defaultApp: readBoolean(params, 'default_number_app'),
    defaultEndpointApp: readBoolean(params, 'default_endpoint_app'),
    publicUri: readBoolean(params, 'public_uri'),
    logIncomingMessages: readBoolean(params, 'log_incoming_messages'),
  }
}
