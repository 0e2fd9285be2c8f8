import { describe, expect, it } from 'vitest'
import { api, ApiProblem } from './api'
import { setContext } from './context'

setContext({ token: 'ceu_x', expiresAt: '', placement: 'app', entityId: null, language: 'en', userId: 1, isAdmin: true, portalOrigin: '', initial: null })

describe('api', () => {
  it('sends the session token and parses JSON', async () => {
    let auth = ''
    const fetcher = (async (_url: string, init: RequestInit) => {
      auth = (init.headers as Record<string, string>).Authorization
      return new Response('{"ok":1}', { status: 200 })
    }) as unknown as typeof fetch
    expect(await api<{ ok: number }>('GET', 'session', undefined, fetcher)).toEqual({ ok: 1 })
    expect(auth).toBe('Bearer ceu_x')
  })

  it('turns ProblemDetails into an ApiProblem naming the field', async () => {
    const fetcher = (async () =>
      new Response('{"status":422,"title":"Unprocessable","detail":"name is required","field":"name"}', { status: 422 })) as unknown as typeof fetch
    const error = await api('POST', 'segments', {}, fetcher).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiProblem)
    expect((error as ApiProblem).field).toBe('name')
    expect((error as ApiProblem).status).toBe(422)
  })

  it('never shows a raw network exception', async () => {
    const fetcher = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    const error = (await api('GET', 'x', undefined, fetcher).catch((e: unknown) => e)) as ApiProblem
    expect(error.status).toBe(0)
    expect(error.message).toBe('the connector could not be reached')
  })
})
