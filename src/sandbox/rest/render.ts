import type { SandboxApplication, SandboxEndpoint } from '../store.ts'
import { sipUriOf } from '../store.ts'

/** The account's resource paths, as Plivo writes them in `resource_uri` (§1.3, §1.4). */
export function pathsOf(authId: string) {
  const account = `/v1/Account/${authId}`
  return {
    applications: `${account}/Application/`,
    application: (appId: string) => `${account}/Application/${appId}/`,
    endpoints: `${account}/Endpoint/`,
    endpoint: (endpointId: string) => `${account}/Endpoint/${endpointId}/`,
  }
}

export function renderApplication(app: SandboxApplication, authId: string) {
  return {
    answer_method: app.answerMethod,
    answer_url: app.answerUrl,
    app_id: app.appId,
    app_name: app.appName,
    default_app: app.defaultApp,
    default_endpoint_app: app.defaultEndpointApp,
    enabled: app.enabled,
    fallback_answer_url: app.fallbackAnswerUrl,
    fallback_method: app.fallbackMethod,
    hangup_method: app.hangupMethod,
    hangup_url: app.hangupUrl,
    log_incoming_messages: app.logIncomingMessages,
    message_method: app.messageMethod,
    message_url: app.messageUrl,
    public_uri: app.publicUri,
    resource_uri: pathsOf(authId).application(app.appId),
    sip_uri: `sip:${app.appId}@app.plivo.com`,
    sub_account: null,
  }
}

/**
 * An Endpoint as GET shows it. `sip_registered` is the string "true" / "false"
 * (pitfall 14); the `sip_contact` trio appears only while a device is registered;
 * the password is an MD5 digest on GET one and absent from lists (§1.4).
 */
export function renderEndpoint(
  endpoint: SandboxEndpoint,
  authId: string,
  options: { withPassword: boolean },
) {
  const paths = pathsOf(authId)
  const registration = endpoint.registration
  return {
    alias: endpoint.alias,
    application: endpoint.appId ? paths.application(endpoint.appId) : null,
    endpoint_id: endpoint.endpointId,
    ...(options.withPassword ? { password: endpoint.passwordMd5 } : {}),
    resource_uri: paths.endpoint(endpoint.endpointId),
    ...(registration
      ? {
          sip_contact: registration.contact,
          sip_expires: registration.expiresAt,
          sip_user_agent: registration.userAgent,
        }
      : {}),
    sip_registered: registration ? 'true' : 'false',
    sip_uri: sipUriOf(endpoint),
    sub_account: null,
    username: endpoint.username,
  }
}
