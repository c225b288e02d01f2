import { colors, safeArea, stage, textStyle, type } from '../theme.ts'

/** The small "Back: …" line at the bottom left of a page; its words are set on activation. */
export const backHint = () => ({
  x: safeArea.left,
  y: stage.h - safeArea.bottom - 30,
  text: textStyle(type.caption, colors.faint),
})
