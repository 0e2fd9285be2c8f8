import { ref, type Ref } from 'vue'
import { ApiProblem } from './api'

/** A value loaded from the API, with its loading flag and the problem (never a raw exception) when it failed. */
export function useLoad<T>(load: () => Promise<T>): { data: Ref<T | null>; loading: Ref<boolean>; problem: Ref<ApiProblem | null>; reload: () => Promise<void> } {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const problem = ref<ApiProblem | null>(null)
  async function reload() {
    loading.value = true
    problem.value = null
    try {
      data.value = await load()
    } catch (e) {
      problem.value = e instanceof ApiProblem ? e : new ApiProblem(0, 'Error', 'an unexpected error occurred', null)
    } finally {
      loading.value = false
    }
  }
  void reload()
  return { data, loading, problem, reload }
}

/** The message a form shows next to a field: the server's ProblemDetails when it names that field. */
export function fieldError(problem: ApiProblem | null, field: string): string | undefined {
  if (!problem) return undefined
  if (problem.errors[field]?.length) return problem.errors[field].join(' ')
  return problem.field === field ? problem.detail : undefined
}
