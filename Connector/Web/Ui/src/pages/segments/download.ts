import { ApiProblem } from '../../lib/api'
import { context } from '../../lib/context'

/** POSTs to /api/ui/{path} with the session token and saves the answer as a file (no cookies: fetch → Blob → link). */
export async function download(path: string, body: unknown, fileName: string, fetcher: typeof fetch = fetch): Promise<void> {
  let response: Response
  try {
    response = await fetcher(`/api/ui/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${context().token}`, 'Content-Type': 'application/json', Accept: 'text/csv, application/problem+json' },
      body: JSON.stringify(body),
    })
  } catch {
    throw new ApiProblem(0, 'Network error', 'the connector could not be reached', null)
  }
  if (!response.ok) {
    let p: { title?: string; detail?: string; field?: string } = {}
    try {
      p = (await response.json()) as typeof p
    } catch {
      p = {}
    }
    throw new ApiProblem(response.status, p.title ?? response.statusText, p.detail ?? '', p.field ?? null)
  }
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
