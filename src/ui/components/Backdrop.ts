import { colors, stage } from '../theme.ts'

/** The full-screen background gradient every page sits on. */
export const backdrop = () => ({
  rect: true,
  w: stage.w,
  h: stage.h,
  colorTop: colors.backgroundTop,
  colorBottom: colors.backgroundBottom,
})
