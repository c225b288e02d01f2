/**
 * What the engines of 2019 TVs lack and our dependencies call without a guard.
 * The floor is Chromium 63 (Tizen 5.0, Samsung 2019): ky and every timer of
 * ours need AbortController (Chrome 66), and ky uses globalThis,
 * Object.hasOwn and Object.fromEntries at module load. Imported first by
 * main.ts so they exist before any dependency evaluates. The build's es-check
 * allows a newer built-in only when it is imported here
 * (scripts/engine-floor.mjs); the real-engine suite proves the rest.
 */
import 'abortcontroller-polyfill/dist/polyfill-patch-fetch'
import 'core-js/stable/global-this'
import 'core-js/stable/object/has-own'
import 'core-js/stable/object/from-entries'
import 'core-js/stable/string/replace-all'
import 'core-js/stable/array/at'
import 'core-js/stable/array/flat'
import 'core-js/stable/array/flat-map'
import 'core-js/stable/promise/all-settled'
