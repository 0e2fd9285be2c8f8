import { ApiProblem } from '../../lib/api'
import { context } from '../../lib/context'

// The Settings calls that are not JSON: a CSV sent as the body, a CSV read back as a Blob. Both carry the session
// token like every /api/ui call (never in a URL), and a non-2xx answer becomes an ApiProblem.
async function problemOf(response: Response): Promise<ApiProblem> {
  let p: { title?: string; detail?: string; field?: string } = {}
  try {
    p = (await response.json()) as typeof p
  } catch {
    p = {}
  }
  return new ApiProblem(response.status, p.title ?? response.statusText, p.detail ?? '', p.field ?? null)
}

export async function sendCsv<T>(path: string, csv: Blob | string, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response
  try {
    response = await fetcher(`/api/ui/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${context().token}`, Accept: 'application/json', 'Content-Type': 'text/csv; charset=utf-8' },
      body: csv,
    })
  } catch {
    throw new ApiProblem(0, 'Network error', 'the connector could not be reached', null)
  }
  if (!response.ok) throw await problemOf(response)
  return (await response.json()) as T
}

export async function fetchBlob(path: string, fetcher: typeof fetch = fetch): Promise<{ blob: Blob; name: string }> {
  let response: Response
  try {
    response = await fetcher(`/api/ui/${path}`, { headers: { Authorization: `Bearer ${context().token}` } })
  } catch {
    throw new ApiProblem(0, 'Network error', 'the connector could not be reached', null)
  }
  if (!response.ok) throw await problemOf(response)
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export.csv'
  return { blob: await response.blob(), name }
}

/** Saves a Blob as a file the browser downloads (an object URL, revoked right after). */
export function saveBlob(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  doc.body.appendChild(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(url)
}

/** Copies text to the clipboard; false when the frame does not allow it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
