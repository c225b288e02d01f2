import { Launch, Lightning } from '@lightningjs/sdk'

/**
 * The floor the app is measured against: the least a Lightning SDK app can
 * do, one Text on a 1920x1080 stage. The text sits where the app draws its
 * code (bench/screen-probes.ts looks for it there) and uses the browser's
 * default font, so no font file is fetched.
 */
class Floor extends Lightning.Component {
  static override _template() {
    return {
      Text: {
        x: 140,
        y: 500,
        text: { text: 'ABCD-1234', fontSize: 116, textColor: 0xfff2f5f8 },
      },
    }
  }
}

// The SDK's typings want every option; at run time it fills in its defaults, as it does for the app.
const appSettings = { stage: { w: 1920, h: 1080, clearColor: 0xff0b0f14 } }
const app = Launch(Floor, appSettings as unknown as Parameters<typeof Launch>[1], {
  path: './',
  log: false,
  showVersion: false,
})
document.body.appendChild(app.stage.getCanvas())
