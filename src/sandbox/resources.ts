// Applications and Endpoints as the sandbox keeps them, in our words (camelCase);
// rest/render.ts turns them into Plivo's snake_case.

export type HttpMethod = 'GET' | 'POST'

/** What a client may set on an Application (plivo-contract.md §1.3), in our words. */
export type ApplicationFields = {
  appName: string
  answerUrl: string
  answerMethod: HttpMethod
  hangupUrl: string
  hangupMethod: HttpMethod
  fallbackAnswerUrl: string
  fallbackMethod: HttpMethod
  messageUrl: string
  messageMethod: HttpMethod
  defaultApp: boolean
  defaultEndpointApp: boolean
  publicUri: boolean
  logIncomingMessages: boolean
}

export type SandboxApplication = ApplicationFields & {
  appId: string
  enabled: boolean
  createdAt: string
}

export type Registration = { contact: string; userAgent: string; expiresAt: string }

export type SandboxEndpoint = {
  endpointId: string
  /** The username Plivo hands out: the requested one plus 12 digits (§1.4). */
  username: string
  alias: string
  /** Plivo shows an MD5 digest of the password, never the password itself (§1.4). */
  passwordMd5: string
  appId: string | null
  createdAt: string
  registration: Registration | null
}

export type NewEndpoint = {
  username: string
  password: string
  alias: string
  appId?: string
}
export type EndpointChanges = { password?: string; alias?: string; appId?: string }
export type ApplicationDeletion = { cascade: boolean; newEndpointApplication?: string }
