// The rules of the Settings forms, the same as the server's (Connector/Web/Settings/**/…Rules.cs): each returns the key
// of the message to show next to the field, or null when the value passes. The server checks again with the same rules.
export const maxAddress = 254
export const maxNote = 200
export const maxImportBytes = 1024 * 1024

const plainAddress = /^[^\s@"(),:;<>[\]\\]{1,64}@[^\s@"(),:;<>[\]\\]+$/

export function addressRule(value: string): string | null {
  const v = value.trim()
  if (!v) return 'settings.rule.required'
  if (v.length > maxAddress) return 'settings.rule.tooLong'
  const domain = v.slice(v.lastIndexOf('@') + 1)
  if (!plainAddress.test(v) || !domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return 'settings.rule.address'
  return null
}

export function noteRule(value: string): string | null {
  if (value.length > maxNote) return 'settings.rule.noteTooLong'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'settings.rule.oneLine'
  return null
}

export function importFileRule(file: { size: number; name: string } | null): string | null {
  if (!file) return 'settings.rule.file'
  if (file.size === 0) return 'settings.rule.fileEmpty'
  if (file.size > maxImportBytes) return 'settings.rule.fileTooLarge'
  return null
}

/** A domain name as the server's SettingChecks.DomainName takes it: dotted labels of letters, digits and hyphens. */
export function domainRule(value: string): string | null {
  const v = value.trim().replace(/\.$/, '').toLowerCase()
  if (!v) return 'settings.rule.required'
  if (!/^(?=.{1,253}$)([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$/u.test(v)) return 'settings.rule.domain'
  return null
}
