import { describe, expect, it, vi } from 'vitest'
import {
  DEVICE_NAME_WAIT_MS,
  TIZEN_EXTRA_KEYS,
  corsOnMainThread,
  createPlatform,
  formatDeviceName,
  nameOfThisTv,
  stageOptions,
} from '../../src/tv/platform.ts'
import { ManualClock } from '../helpers/manual-clock.ts'

const browserWindow = (userAgent = 'Mozilla/5.0 Chrome/120') => ({
  close: vi.fn(),
  navigator: { userAgent },
})

describe('TV platform glue', () => {
  it('registers the media keys and exits through the Tizen application API', () => {
    const registerKeyBatch = vi.fn()
    const exit = vi.fn()
    const win = {
      ...browserWindow(),
      tizen: {
        tvinputdevice: { registerKeyBatch },
        application: { getCurrentApplication: () => ({ exit }) },
      },
    }
    const platform = createPlatform(win)
    platform.registerKeys()
    platform.exit()
    expect(platform.name).toBe('tizen')
    expect(registerKeyBatch).toHaveBeenCalledWith(TIZEN_EXTRA_KEYS)
    expect(exit).toHaveBeenCalledOnce()
    expect(win.close).not.toHaveBeenCalled()
  })

  it('falls back to one-by-one registration and survives a firmware that throws', () => {
    const registerKey = vi.fn((key: string) => {
      if (key === 'MediaStop') throw new Error('not supported')
    })
    const platform = createPlatform({
      ...browserWindow(),
      tizen: { tvinputdevice: { registerKey } },
    })
    expect(() => platform.registerKeys()).not.toThrow()
    expect(registerKey).toHaveBeenCalledWith('MediaPlay')
  })

  it('leaves webOS with platformBack', () => {
    const platformBack = vi.fn()
    const win = { ...browserWindow(), webOS: { platformBack } }
    const platform = createPlatform(win)
    platform.exit()
    expect(platform.name).toBe('webos')
    expect(platformBack).toHaveBeenCalledOnce()
  })

  it('recognises webOS from its user agent and closes the window', () => {
    const win = browserWindow('Mozilla/5.0 (Web0S; Linux/SmartTV) Chrome/87')
    const platform = createPlatform(win)
    platform.exit()
    expect(platform.name).toBe('webos')
    expect(win.close).toHaveBeenCalledOnce()
  })

  it('does nothing harmful in a desktop browser', () => {
    const win = browserWindow()
    const platform = createPlatform(win)
    expect(() => platform.registerKeys()).not.toThrow()
    platform.exit()
    expect(platform.name).toBe('browser')
    expect(win.close).toHaveBeenCalledOnce()
  })

  describe('screen reader detection (best effort)', () => {
    const tvinfo = (value: string) => ({
      getMenuValue: vi.fn(() => value),
      TvInfoMenuKey: { VOICE_GUIDE_KEY: 'VOICE_GUIDE_KEY' },
      TvInfoMenuValue: { ON: 'ON', OFF: 'OFF' },
    })

    it('reads Samsung Voice Guide from webapis.tvinfo', async () => {
      const on = tvinfo('ON')
      expect(
        await createPlatform({ ...browserWindow(), webapis: { tvinfo: on } }).screenReaderOn(),
      ).toBe(true)
      expect(on.getMenuValue).toHaveBeenCalledWith('VOICE_GUIDE_KEY')
      const off = { ...browserWindow(), webapis: { tvinfo: tvinfo('OFF') } }
      expect(await createPlatform(off).screenReaderOn()).toBe(false)
    })

    it('asks LG’s settings service for Audio Guidance', async () => {
      const request = vi.fn((_uri: string, call: { onSuccess(r: unknown): void }) =>
        call.onSuccess({ settings: { audioGuidance: 'on' } }),
      )
      const win = { ...browserWindow(), webOS: { service: { request } } }
      expect(await createPlatform(win).screenReaderOn()).toBe(true)
      expect(request).toHaveBeenCalledWith(
        'luna://com.webos.settingsservice',
        expect.objectContaining({
          method: 'getSystemSettings',
          parameters: { category: 'option', keys: ['audioGuidance'] },
        }),
      )
    })

    it('says off when the TV cannot tell, or its API throws', async () => {
      expect(await createPlatform(browserWindow()).screenReaderOn()).toBe(false)
      const failing = vi.fn((_uri: string, call: { onFailure(e: unknown): void }) =>
        call.onFailure(new Error('denied')),
      )
      const lg = { ...browserWindow(), webOS: { service: { request: failing } } }
      expect(await createPlatform(lg).screenReaderOn()).toBe(false)
      const throwing = {
        ...browserWindow(),
        webapis: {
          tvinfo: {
            ...tvinfo('ON'),
            getMenuValue: () => {
              throw new Error('privilege missing')
            },
          },
        },
      }
      expect(await createPlatform(throwing).screenReaderOn()).toBe(false)
    })
  })

  describe('the name PunchPlay lists for this TV', () => {
    const clock = () => new ManualClock()
    const tizen = { application: {} }

    it('reads the Samsung model from webapis.productinfo, full model first', async () => {
      const productinfo = { getRealModel: () => 'QE55Q80T', getModel: () => '20_KANTM_UHD' }
      const win = { ...browserWindow(), tizen, webapis: { productinfo } }
      expect(await createPlatform(win).deviceName()).toBe('Samsung TV (QE55Q80T)')
    })

    it('falls back to the model group, then to systeminfo, past APIs that throw', async () => {
      const denied = () => {
        throw new Error('privilege missing')
      }
      const grouped = {
        ...browserWindow(),
        tizen,
        webapis: { productinfo: { getRealModel: denied, getModel: () => 'UE43TU7000' } },
      }
      expect(await createPlatform(grouped).deviceName()).toBe('Samsung TV (UE43TU7000)')
      const getCapability = vi.fn(() => 'QE65S95C')
      const systemOnly = { ...browserWindow(), tizen: { systeminfo: { getCapability } } }
      expect(await createPlatform(systemOnly).deviceName()).toBe('Samsung TV (QE65S95C)')
      expect(getCapability).toHaveBeenCalledWith('http://tizen.org/system/model_name')
    })

    it('reads the LG model from webOS.deviceInfo', async () => {
      const deviceInfo = (callback: (info: { modelName: string }) => void) =>
        callback({ modelName: 'OLED55CX' })
      const win = { ...browserWindow(), webOS: { deviceInfo } }
      expect(await createPlatform(win).deviceName()).toBe('LG TV (OLED55CX)')
    })

    it('formats only short printable models, and nothing for a desktop browser', () => {
      expect(formatDeviceName('webos', '  OLED55CX\u0000 ')).toBe('LG TV (OLED55CX)')
      expect(formatDeviceName('tizen', '')).toBeNull()
      expect(formatDeviceName('tizen', 42)).toBeNull()
      expect(formatDeviceName('tizen', 'x'.repeat(41))).toBeNull()
      expect(formatDeviceName('browser', 'Chrome')).toBeNull()
    })

    it('uses settings.json’s name when the TV does not say, or does not answer in time', async () => {
      expect(await nameOfThisTv(createPlatform(browserWindow()), 'PunchPlay TV', clock())).toBe(
        'PunchPlay TV',
      )
      const silent = { ...browserWindow(), webOS: { deviceInfo: () => {} } }
      const manual = clock()
      const naming = nameOfThisTv(createPlatform(silent), 'PunchPlay TV', manual)
      expect(await manual.nextSleep()).toBe(DEVICE_NAME_WAIT_MS)
      await manual.advance(DEVICE_NAME_WAIT_MS)
      expect(await naming).toBe('PunchPlay TV')
      const lg = {
        ...browserWindow(),
        webOS: { deviceInfo: (done: (info: object) => void) => done({ modelName: 'OLED55CX' }) },
      }
      expect(await nameOfThisTv(createPlatform(lg), 'PunchPlay TV', clock())).toBe(
        'LG TV (OLED55CX)',
      )
    })
  })

  it('knows which engines run CORS preflights on the main thread: Chromium before 79', () => {
    const tizen2019 =
      'Mozilla/5.0 (SMART-TV; LINUX; Tizen 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Version/5.0 TV Safari/537.36 Chrome/63.0.3239.84'
    const webOs5 =
      'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/68.0.3440.106 Safari/537.36 WebAppManager'
    expect(corsOnMainThread(tizen2019)).toBe(true)
    expect(corsOnMainThread(webOs5)).toBe(true)
    expect(corsOnMainThread('Mozilla/5.0 HeadlessChrome/78.0.3904.0 Safari/537.36')).toBe(true)
    expect(corsOnMainThread('Mozilla/5.0 (X11; Linux x86_64) Chrome/79.0.3945.0')).toBe(false)
    expect(corsOnMainThread('Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.8078.108')).toBe(false)
    expect(corsOnMainThread('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0')).toBe(false)
  })

  it('uploads text canvases directly except on Tizen, whose engines draw them with artefacts', () => {
    const tizen = createPlatform({ ...browserWindow(), tizen: {} }).name
    const webOs = createPlatform(browserWindow('Mozilla/5.0 (Web0S; Linux/SmartTV) Chrome/68')).name
    expect(stageOptions(tizen).forceTxCanvasSource).toBe(false)
    expect(stageOptions(webOs).forceTxCanvasSource).toBe(true)
    expect(stageOptions(createPlatform(browserWindow()).name).forceTxCanvasSource).toBe(true)
  })
})
