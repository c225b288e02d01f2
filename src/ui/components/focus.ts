import { Lightning } from '@lightningjs/sdk'
import { colors, focus, radius } from '../theme.ts'

const RING_GAP = 10

/** The ring of shared/ux's focus style, drawn just outside a w×h box. */
export function focusRing(w: number, h: number, cornerRadius: number = radius.button) {
  return {
    x: -RING_GAP,
    y: -RING_GAP,
    alpha: 0,
    texture: Lightning.Tools.getRoundRect(
      w + RING_GAP * 2,
      h + RING_GAP * 2,
      cornerRadius + RING_GAP,
      focus.ringWidth,
      colors.focusRing,
      false,
      0,
    ),
  }
}

/**
 * Shows or hides the ring and scales the element, within 150 ms, so focus is
 * always visible. Full-width cards keep their size: scaled, they would leave the safe area.
 */
export function showFocus(
  element: Lightning.Component,
  ring: Lightning.Element,
  focused: boolean,
  scale = true,
): void {
  ring.setSmooth('alpha', focused ? 1 : 0, { duration: focus.durationSec })
  if (!scale) return
  element.pivot = 0.5
  element.setSmooth('scale', focused ? focus.scale : 1, { duration: focus.durationSec })
}
