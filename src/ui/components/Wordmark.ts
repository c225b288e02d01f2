import { colors, fonts, type } from '../theme.ts'

const part = (text: string, textColor: number) => ({
  text: { text, fontFace: fonts.text, fontSize: type.heading, fontStyle: 'bold', textColor },
})

/** "PunchPlay TV" with "Play" in the accent colour, as in shared/ux pictures; a name, not translated. */
export const wordmark = () => ({
  flex: { direction: 'row' as const },
  Punch: part('Punch', colors.text),
  Play: part('Play', colors.accent),
  Tv: part(' TV', colors.text),
})
