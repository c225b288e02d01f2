import de from '../i18n/de.json'
import en from '../i18n/en.json'

/**
 * Every text on screen comes from src/i18n/<language>.json, bundled into the
 * script. The SDK's Language plugin was not used: it always fetches its file at
 * run time, which TVs opening index.html from file:// may refuse
 * (toolchain-notes: bundle configuration), and it is typed `any`, so a
 * misspelt key would only show on screen. Here a key that en.json lacks does
 * not compile, and test/unit/translations.test.ts holds every language to
 * en.json's keys and placeholders.
 */
export type MessageKey = keyof typeof en
export type Messages = Readonly<Record<MessageKey, string>>

const CATALOG = { en, de } as const satisfies Record<string, Messages>

export type LanguageCode = keyof typeof CATALOG

export const LANGUAGES = Object.keys(CATALOG) as LanguageCode[]

const isLanguage = (code: string): code is LanguageCode => code in CATALOG

/*
 * One current language for the whole app, like the SDK plugin it replaces:
 * templates, labels and failure texts far from any page need it, and the
 * switch happens in one place (Account).
 */
let current: LanguageCode = 'en'

export function currentLanguage(): LanguageCode {
  return current
}

export function useLanguage(code: LanguageCode): void {
  current = code
}

/**
 * The viewer's saved choice, else the first device language we have
 * ("de-AT" → de), else English.
 */
export function pickLanguage(saved: string | null, device: readonly string[]): LanguageCode {
  if (saved !== null && isLanguage(saved)) return saved
  for (const tag of device) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? ''
    if (isLanguage(base)) return base
  }
  return 'en'
}

/** The next language in the list, for the Account page's Language button. */
export function nextLanguage(code: LanguageCode): LanguageCode {
  return LANGUAGES[(LANGUAGES.indexOf(code) + 1) % LANGUAGES.length] ?? 'en'
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = CATALOG[current][key]
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** The current language as the account use-case drives it (src/app/account.ts). */
export function languageControl(deviceLanguages: readonly string[]) {
  return {
    current: currentLanguage,
    use: (code: string) => useLanguage(isLanguage(code) ? code : 'en'),
    pick: (saved: string | null) => pickLanguage(saved, deviceLanguages),
    next: (code: string) => nextLanguage(isLanguage(code) ? code : 'en'),
  }
}
