import { Router } from '@lightningjs/sdk'

/**
 * Back from a page opened from another (Account, Diagnostics): to where the
 * viewer came from. With no history, home — never the Router's default,
 * which closes the app when there is nowhere to go back to.
 */
export function goBack(): void {
  if (Router.getHistory().length > 0) Router.back()
  else Router.navigate('home', false)
}
