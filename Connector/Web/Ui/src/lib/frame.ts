// The Bitrix24 frame SDK is loaded only inside a Bitrix24 frame (window.name is "DOMAIN|PROTOCOL|APP_SID"):
// initializeB24Frame() throws at once anywhere else. Inside one, the frame follows its content's height.
type Frame = { parent: { fitWindow(): Promise<unknown> } }

let frame: Frame | null = null

export function insideBitrix24(win: Window): boolean {
  return typeof win.name === 'string' && win.name.split('|').length >= 3
}

export async function startFrame(win: Window): Promise<void> {
  if (!insideBitrix24(win)) return
  try {
    const { initializeB24Frame } = await import('@bitrix24/b24jssdk')
    frame = (await initializeB24Frame()) as unknown as Frame
    await fit()
    const observer = new ResizeObserver(() => void fit())
    observer.observe(win.document.body)
  } catch {
    frame = null
  }
}

export async function fit(): Promise<void> {
  try {
    await frame?.parent.fitWindow()
  } catch {
    // the parent went away (the card was closed): nothing to fit
  }
}
