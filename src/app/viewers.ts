import { MAX_VIEWERS } from '../core/profiles/viewer-registry.ts'
import type { Household, ViewerSummary } from '../core/profiles/household.ts'

export interface ViewerTile extends ViewerSummary {
  /** The first letter of the label, upper case, for the round badge. */
  readonly initial: string
}

export interface ViewersView {
  readonly viewers: readonly ViewerTile[]
  /** "Add a viewer" is offered while the TV has fewer than six. */
  readonly canAdd: boolean
  /** The tile focus starts on: the last active viewer, else the first. */
  readonly focusIndex: number
}

/** Where OK on a tile leads. */
export type PickOutcome = 'home' | 'pairing' | 'none'

export interface Viewers {
  readonly view: ViewersView
  /**
   * Renders now and on every change, and asks PunchPlay once about each
   * connected viewer's grant, so one revoked on the phone shows as
   * disconnected. Returns the stop.
   */
  open(render: (view: ViewersView) => void): () => void
  /** OK on a viewer: a connected one becomes active; a disconnected one pairs again. */
  pick(id: string): Promise<PickOutcome>
  /** "Add a viewer": false when the TV has six already. */
  add(): boolean
  /** Account's "Switch viewer" (or the player's): nobody active until the picker answers. */
  switchViewer(): void
  /** True while a pairing opened from the picker runs: its Back returns here. */
  readonly pairingFromPicker: boolean
  /** Back from that pairing: nothing is added, the picker asks again. */
  cancelPairing(): void
}

/** "Who's watching?": the household's viewers as the picker shows them. */
export function createViewers(household: Household, onLeave: () => void): Viewers {
  const view = (): ViewersView => {
    const viewers = household.viewers.map((viewer) => ({
      ...viewer,
      initial: viewer.label.charAt(0).toUpperCase(),
    }))
    const last = viewers.findIndex((viewer) => viewer.lastActive)
    return { viewers, canAdd: viewers.length < MAX_VIEWERS, focusIndex: Math.max(0, last) }
  }

  return {
    get view() {
      return view()
    },
    open(render) {
      const stop = household.subscribe(() => render(view()))
      render(view())
      void household.verify()
      return stop
    },
    async pick(id) {
      const viewer = household.viewers.find((candidate) => candidate.id === id)
      if (!viewer) return 'none'
      if (!viewer.connected) {
        household.startPairingAgain(id)
        return 'pairing'
      }
      await household.choose(id)
      return 'home'
    },
    add: () => household.startAdding(),
    switchViewer() {
      household.leave()
      onLeave()
    },
    get pairingFromPicker() {
      return household.pairingFromPicker
    },
    cancelPairing() {
      household.cancelPairing()
      onLeave()
    },
  }
}
