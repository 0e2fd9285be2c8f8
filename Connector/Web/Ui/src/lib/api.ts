import { context } from './context'

/** An RFC 7807 answer from /api/ui, with the field it names (shown next to that field). */
export class ApiProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string,
    public readonly field: string | null,
    public readonly errors: Record<string, string[]> = {},
  ) {
    super(detail || title)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Calls /api/ui/{path} with the page's session token; a non-2xx answer throws an ApiProblem, never a raw error. */
export async function api<T>(method: Method, path: string, body?: unknown, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response
  try {
    response = await fetcher(`/api/ui/${path.replace(/^\//, '')}`, {
      method,
      headers: {
        Authorization: `Bearer ${context().token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiProblem(0, 'Network error', 'the connector could not be reached', null)
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  if (!response.ok) {
    const p = (json ?? {}) as { title?: string; detail?: string; field?: string; errors?: Record<string, string[]> }
    throw new ApiProblem(response.status, p.title ?? response.statusText, p.detail ?? '', p.field ?? null, p.errors ?? {})
  }
  return json as T
}

export const get = <T>(path: string) => api<T>('GET', path)
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {})
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {})
export const del = <T>(path: string) => api<T>('DELETE', path)
